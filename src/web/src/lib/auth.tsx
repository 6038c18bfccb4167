/**
 * Who is signed in. `GET /api/me` decides: 200 signed in, 401 signed out (the shell sends the user to
 * the sign-in page), 404 the server has no sign-in yet ("auth disabled": every menu shows, nothing is
 * hidden behind a role the server cannot check anyway).
 *
 * One session for the whole browser: the token lives in localStorage, and a sign-in or sign-out in one
 * tab reaches the others through the `storage` event (they ask `/api/me` again).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { api, ApiError, setSessionExpired, setToken, TOKEN_KEY } from './api.js';

export type Role = 'officer' | 'inspector' | 'admin';

export interface Me {
  id: string;
  email: string;
  role: Role;
  /** an admin (or a user given whole provinces) sees every office */
  allOffices?: boolean;
  offices: string[];
  assignedOffices?: string[];
  provinces?: string[];
  /** an administrator reset the password: a new one must be chosen before anything else */
  mustChangePassword?: boolean;
}

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-in'; me: Me }
  | { status: 'signed-out' }
  | { status: 'disabled' }
  | { status: 'error'; error: Error };

interface Auth {
  state: AuthState;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  /** whether the current user may see what the roles are given; with auth disabled, everything shows */
  allows: (roles: Role[]) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery<Me, Error>({
    queryKey: ['me'],
    queryFn: () => api<Me>('/api/me', { quiet401: true }),
    retry: false,
    staleTime: 5 * 60_000,
  });
  const state: AuthState = useMemo(() => {
    if (me.isPending) return { status: 'loading' };
    if (me.data) return { status: 'signed-in', me: { ...me.data, offices: me.data.offices ?? [] } };
    const e = me.error;
    if (e instanceof ApiError && e.status === 401) return { status: 'signed-out' };
    if (e instanceof ApiError && e.status === 404) return { status: 'disabled' };
    return { status: 'error', error: e ?? new Error('unknown') };
  }, [me.isPending, me.data, me.error]);

  /** Drops every answer of the old session and asks who is signed in now (the `me` query stays observed). */
  const forgetSession = useCallback(() => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    void qc.resetQueries({ queryKey: ['me'] });
  }, [qc]);

  // another tab signed in or out: this one follows
  useEffect(() => {
    const on = (e: StorageEvent) => {
      if (e.key !== TOKEN_KEY && e.key !== null) return;
      forgetSession();
    };
    window.addEventListener('storage', on);
    return () => window.removeEventListener('storage', on);
  }, [forgetSession]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const res = await api<{ token: string }>('/api/auth/login', {
        body: { email, password },
        quiet401: true,
        anonymous: true,
      });
      setToken(res.token);
      setSessionExpired(false);
      await qc.resetQueries({ queryKey: ['me'] });
    },
    [qc],
  );
  const signOut = useCallback(async () => {
    // the server ends the token (and clears the queue dashboard's cookie); signed out here either way
    await api('/api/auth/logout', { method: 'POST', quiet401: true }).catch(() => undefined);
    setToken(null);
    setSessionExpired(false);
    forgetSession();
  }, [forgetSession]);
  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      const res = await api<{ token: string }>('/api/auth/password', { body: { currentPassword, newPassword } });
      setToken(res.token);
      await qc.resetQueries({ queryKey: ['me'] });
    },
    [qc],
  );
  const allows = useCallback(
    (roles: Role[]) => state.status === 'disabled' || (state.status === 'signed-in' && roles.includes(state.me.role)),
    [state],
  );
  const value = useMemo(
    () => ({ state, signIn, signOut, changePassword, allows }),
    [state, signIn, signOut, changePassword, allows],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
