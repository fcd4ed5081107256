/** The pure core of `qrcode` (its package entry also loads the node/file renderers). */
declare module 'qrcode/lib/core/qrcode' {
  export function create(text: string, opts: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H'; maskPattern?: number }): { modules: { size: number; get(row: number, col: number): boolean | number } }
}
