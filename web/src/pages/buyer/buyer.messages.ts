import { defineMessages } from '../../i18n/messages';

/** The buyer's menu entries; each page's own texts are in its feature's messages file. */
export const buyerMenu = defineMessages('buyer.menu', {
  requirements: ['采购需求', 'Requirements'],
});
