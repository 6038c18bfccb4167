/**
 * Who is signed in. `GET /api/me` decides: 200 signed in, 401 signed out (the shell sends the user to
 * the sign-in page), 404 the server has no sign-in yet ("auth disabled": every menu shows, nothing is
 * hidden behind a role the server cannot check anyway).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { api, ApiError, setToken } from './api.js';

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
  signOut: () => void;
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

  const signIn = useCallback(
    async (email: string, password: string) => {
      const res = await api<{ token: string }>('/api/auth/login', { body: { email, password }, quiet401: true });
      setToken(res.token);
      await qc.resetQueries({ queryKey: ['me'] });
    },
    [qc],
  );
  const signOut = useCallback(() => {
    setToken(null);
    qc.clear();
    void qc.resetQueries({ queryKey: ['me'] });
  }, [qc]);
  const allows = useCallback(
    (roles: Role[]) => state.status === 'disabled' || (state.status === 'signed-in' && roles.includes(state.me.role)),
    [state],
  );
  const value = useMemo(() => ({ state, signIn, signOut, allows }), [state, signIn, signOut, allows]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
