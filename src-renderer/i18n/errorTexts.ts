/**
 * Error sentences on screens: the code's text from src-shared/errors (every domain's codes in three languages) in the
 * desk's language. The table is its own chunk, loaded after the login screen's first paint (app/boot.ts) or on first
 * use: no error shows before someone tries to sign in, and signing in waits for the composition root, which holds the
 * table too — so the cold login page does not parse it and nobody sees a code without its sentence for long.
 */
import { useEffect } from 'react'
import { create } from 'zustand'
import type { errorText } from '@shared/errors'
import { useLang } from './lang'

const useTable = create<{ errorText: typeof errorText | null }>(() => ({ errorText: null }))
let loading: Promise<void> | null = null

/** Loads the table once (again after a failed attempt). */
export function loadErrorTexts(): Promise<void> {
  loading ??= import('@shared/errors').then(
    (m) => useTable.setState({ errorText: m.errorText }),
    (err: unknown) => {
      loading = null
      throw err
    },
  )
  return loading
}

/** The sentence for `code` in the desk's language; undefined while the table loads (screens show the code meanwhile). */
export function useErrorText(code: string | null | undefined): string | undefined {
  const lang = useLang()
  const text = useTable((s) => s.errorText)
  useEffect(() => {
    if (code && !text) loadErrorTexts().catch(() => undefined)
  }, [code, text])
  return code && text ? text(code, lang) : undefined
}
