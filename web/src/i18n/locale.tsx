import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'zlt.locale';

/** Chinese unless English was chosen before on this browser. */
function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'zh-CN', setLocale: () => undefined });

export const useLocale = (): LocaleState => useContext(LocaleContext);

/**
 * Each feature's file carries both languages (i18n/messages.tsx), and the chosen one reaches
 * react-intl as the default message; the default locale is therefore the chosen one too (ICU
 * plurals and numbers follow it), and a "missing translation" is the normal path, not an error.
 */
function onIntlError(error: { code?: string }): void {
  if (error.code === 'MISSING_TRANSLATION') return;
  console.error(error);
}

/** The chosen language for react-intl (our messages) and Ant Design (its own texts), remembered in localStorage. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const state = useMemo<LocaleState>(
    () => ({
      locale,
      setLocale: (next) => {
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Private browsing without storage: the choice lasts for this page only.
        }
        setLocaleState(next);
      },
    }),
    [locale],
  );
  return (
    <LocaleContext.Provider value={state}>
      <IntlProvider locale={locale} defaultLocale={locale} messages={{}} onError={onIntlError}>
        <ConfigProvider locale={locale === 'en-US' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d5fbf' } }}>
          {children}
        </ConfigProvider>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
