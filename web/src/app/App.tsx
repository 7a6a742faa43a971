import { App as AntApp } from 'antd';
import { LocaleProvider } from '../i18n/locale';
import { SessionProvider } from './session';
import { Shell } from './Shell';

export function App() {
  return (
    <LocaleProvider>
      <AntApp>
        <SessionProvider>
          <Shell />
        </SessionProvider>
      </AntApp>
    </LocaleProvider>
  );
}
