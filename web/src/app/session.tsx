import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Client, Provider, cacheExchange, fetchExchange, mapExchange, useQuery } from 'urql';
import { MeDocument, type MeQuery } from '../gql/graphql';

const STORAGE_KEY = 'zlt.session';

export interface StoredSession {
  token: string;
  expiresAt: string;
}

function readStored(): StoredSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    if (!stored || typeof stored.token !== 'string' || Date.parse(stored.expiresAt) <= Date.now()) return null;
    return stored;
  } catch {
    return null;
  }
}

function writeStored(session: StoredSession | null): void {
  try {
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // No storage: the session lasts for this page only.
  }
}

/**
 * One urql client per session: the token goes in `Authorization: Bearer …`, requests are POSTs
 * with a JSON body (the API's CSRF protection refuses simple GETs), and an UNAUTHENTICATED
 * answer (token expired, password changed elsewhere, user disabled) ends the session.
 */
function makeClient(token: string | null, onUnauthenticated: () => void): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    exchanges: [
      mapExchange({
        onError(error) {
          if (token && error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}

export type CurrentUser = MeQuery['me'];

interface SessionState {
  token: string | null;
  signIn: (session: StoredSession) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionState>({ token: null, signIn: () => undefined, signOut: () => undefined });

export const useSession = (): SessionState => useContext(SessionContext);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(readStored);
  const signOut = useCallback(() => {
    writeStored(null);
    setSession(null);
  }, []);
  const signIn = useCallback((next: StoredSession) => {
    writeStored(next);
    setSession(next);
  }, []);
  const token = session?.token ?? null;
  const client = useMemo(() => makeClient(token, signOut), [token, signOut]);
  const state = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return (
    <SessionContext.Provider value={state}>
      <Provider value={client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

/** The signed-in user with their organisation (query Me), once per session. */
export function useCurrentUser(): { user: CurrentUser | null; fetching: boolean } {
  const { token } = useSession();
  const [result] = useQuery({ query: MeDocument, pause: !token, requestPolicy: 'cache-first' });
  return { user: result.data?.me ?? null, fetching: Boolean(token) && (result.fetching || (!result.data && !result.error)) };
}
