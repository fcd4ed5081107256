/** Vite's `?url` import of pdf.js's worker: bundled as an asset and loaded from the app's own origin (CSP worker-src 'self'). */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string
  export default url
}
