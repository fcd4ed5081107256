/**
 * Inflating what a stranger hands in (a barcode's deflate stream, a card's Flate streams) with a ceiling: a few bytes
 * that inflate to gigabytes are refused as the caller's coded error, not inflated. `zlib`: the stream has the zlib
 * wrapper (PDF's FlateDecode) rather than raw deflate (the barcode).
 */
import { Inflate, Unzlib } from 'fflate'
import { ArmError, type ErrorCode } from '../errors'

export function inflateBounded(data: Uint8Array, o: { max: number; code: ErrorCode; zlib?: boolean }): Uint8Array {
  const chunks: Uint8Array[] = []
  let total = 0
  let ended = false
  const onChunk = (chunk: Uint8Array, final: boolean) => {
    total += chunk.length
    if (total > o.max) throw new ArmError(o.code, 'the data inflates beyond its limit')
    chunks.push(chunk)
    if (final) ended = true
  }
  const inflater = o.zlib ? new Unzlib(onChunk) : new Inflate(onChunk)
  try {
    inflater.push(data, true)
  } catch (err) {
    if (err instanceof ArmError) throw err
    throw new ArmError(o.code, `not deflate data: ${(err as Error).message}`)
  }
  if (!ended) throw new ArmError(o.code, 'the compressed data is truncated')
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
