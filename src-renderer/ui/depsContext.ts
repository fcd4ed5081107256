import { createContext, useContext, type Context } from 'react'

/**
 * A feature's dependencies as the composition root hands them down: the context to provide them with and the hook that
 * reads them, failing loudly where a screen is mounted without them (a wiring mistake, never a user's).
 */
export function depsContext<T>(name: string): [Context<T | null>, () => T] {
  const context = createContext<T | null>(null)
  function useDeps(): T {
    const deps = useContext(context)
    if (!deps) throw new Error(`${name} is not provided`)
    return deps
  }
  return [context, useDeps]
}
