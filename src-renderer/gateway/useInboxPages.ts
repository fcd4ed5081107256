import { useCallback, useRef, useState } from 'react'
import type { InboxItem, InboxResponse } from '@shared/gateway/api'

/**
 * The inbox read page by page with the gateway's cursor (work order: open work and nearest deadline first): the first
 * page on `reload`, the next one on `more` (appended), so a department with years of requests shows its newest open
 * work at once and never asks for all of it. A `more` racing a `reload` is dropped (the reload's first page wins).
 */
export function useInboxPages(fetchPage: (cursor?: string) => Promise<InboxResponse>) {
  const [items, setItems] = useState<InboxItem[] | null>(null)
  const [next, setNext] = useState<string | undefined>()
  const [loadingMore, setLoadingMore] = useState(false)
  const generation = useRef(0)
  const busy = useRef(false)

  const reload = useCallback(async () => {
    const mine = ++generation.current
    const page = await fetchPage()
    if (mine !== generation.current) return
    setItems(page.items)
    setNext(page.next)
  }, [fetchPage])

  const more = useCallback(async () => {
    if (!next || busy.current) return
    const mine = generation.current
    busy.current = true
    setLoadingMore(true)
    try {
      const page = await fetchPage(next)
      if (mine !== generation.current) return
      // a request that moved between pages (taken meanwhile) shows once
      setItems((have) => {
        const seen = new Set((have ?? []).map((i) => i.requestId))
        return [...(have ?? []), ...page.items.filter((i) => !seen.has(i.requestId))]
      })
      setNext(page.next)
    } finally {
      busy.current = false
      setLoadingMore(false)
    }
  }, [fetchPage, next])

  return { items, hasMore: !!next, loadingMore, reload, more }
}
