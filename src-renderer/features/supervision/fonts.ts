import boldUrl from './fonts/DejaVuSans-Bold.ttf?url'
import regularUrl from './fonts/DejaVuSans.ttf?url'

let fontCache: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null
/** The fonts shipped with the app (same origin), fetched once: the printed result never uses system fonts. */
export function bundledFonts() {
  const get = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer())
  fontCache ??= Promise.all([get(regularUrl), get(boldUrl)]).then(([regular, bold]) => ({ regular, bold }))
  return fontCache
}
