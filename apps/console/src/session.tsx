import type { Session } from '@ads/sdk/console';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, isSignedOut } from './api';

interface SessionState {
  /** Undefined while the first read is under way; null when signed out. */
  session: Session | null | undefined;
  /** The workspace the pages show (the user's own unless another of the owner's is picked). */
  workspaceId: string | undefined;
  chooseWorkspace(id: string): void;
  signedIn(session: Session): void;
  signOut(): Promise<void>;
  /** Reads the session again (balances change). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [workspaceId, setWorkspaceId] = useState<string | undefined>(undefined);
  const signedIn = useCallback((next: Session) => {
    api.setCsrfToken(next.csrf_token);
    setSession(next);
    setWorkspaceId((current) => current ?? next.user.workspace_id);
  }, []);
  const refresh = useCallback(async () => {
    try {
      signedIn(await api.session.get());
    } catch (error) {
      if (!isSignedOut(error)) throw error;
      api.setCsrfToken(undefined);
      setSession(null);
    }
  }, [signedIn]);
  useEffect(() => {
    refresh().catch(() => setSession(null));
  }, [refresh]);
  const value = useMemo<SessionState>(
    () => ({
      session,
      workspaceId,
      chooseWorkspace: setWorkspaceId,
      signedIn,
      refresh,
      signOut: async () => {
        await api.session.signOut().catch(() => undefined);
        api.setCsrfToken(undefined);
        setWorkspaceId(undefined);
        setSession(null);
      },
    }),
    [session, workspaceId, signedIn, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in session (pages under the layout render only with one). */
export function useSignedIn(): Session & { workspaceId: string } {
  const { session, workspaceId } = useSession();
  if (!session) throw new Error('not signed in');
  return { ...session, workspaceId: workspaceId ?? session.user.workspace_id };
}
