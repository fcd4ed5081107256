/** Vite's `?url` imports (the bundled fonts of the printed result). */
declare module '*.ttf?url' {
  const url: string
  export default url
}
