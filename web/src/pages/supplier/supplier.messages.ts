import { defineMessages } from '../../i18n/messages';

/** The supplier's menu entries; each page's own texts are in its feature's messages file. */
export const supplierMenu = defineMessages('supplier.menu', {
  opportunities: ['商机', 'Opportunities'],
});
