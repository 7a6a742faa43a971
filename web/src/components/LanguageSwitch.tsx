import { Segmented } from 'antd';
import { appMessages } from '../app/app.messages';
import { useLocale, type Locale } from '../i18n/locale';
import { useT } from '../i18n/messages';

/** 中文 | English, remembered in localStorage (i18n/locale.tsx). */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT(appMessages);
  return (
    <Segmented<Locale>
      aria-label={t('language')}
      size="small"
      value={locale}
      onChange={setLocale}
      options={[
        { label: <span lang="zh-CN">中文</span>, value: 'zh-CN' },
        { label: <span lang="en">English</span>, value: 'en-US' },
      ]}
      data-testid="language-switch"
    />
  );
}
