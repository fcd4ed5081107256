/**
 * Reading every QR code of a page image with jsQR (pure JS: Chromium has no BarcodeDetector on Linux and Windows,
 * and the CLI has no browser). jsQR looks for one symbol in the whole image and gets lost among the twelve finder
 * patterns of a signed barcode's row (and is slow on a whole page), so the symbols are located first: blocks of the
 * image that are half dark and half light (a QR code; body text is mostly light) joined into regions, each region
 * square enough and large enough cut out with a quiet zone and decoded alone. The whole image is tried last (one
 * code filling a photo).
 */
import jsQR from 'jsqr'

export interface PageImage {
  /** RGBA, 4 bytes a pixel (what a canvas's ImageData holds). */
  data: Uint8ClampedArray
  width: number
  height: number
}

interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

function luminance(img: PageImage): Uint8Array {
  const out = new Uint8Array(img.width * img.height)
  const d = img.data
  for (let i = 0, p = 0; i < out.length; i++, p += 4) out[i] = (d[p] * 77 + d[p + 1] * 150 + d[p + 2] * 29) >> 8
  return out
}

/** Regions that look like QR symbols, in block units turned into pixels (with a margin for the quiet zone). */
export function candidateRegions(grey: Uint8Array, width: number, height: number): Box[] {
  const B = Math.max(4, Math.round(Math.min(width, height) / 200))
  const bw = Math.ceil(width / B)
  const bh = Math.ceil(height / B)
  const dense = new Uint8Array(bw * bh)
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let dark = 0
      let n = 0
      for (let y = by * B; y < Math.min(height, (by + 1) * B); y++) {
        for (let x = bx * B; x < Math.min(width, (bx + 1) * B); x++) {
          n++
          if (grey[y * width + x] < 128) dark++
        }
      }
      const f = dark / n
      dense[by * bw + bx] = f >= 0.22 && f <= 0.9 ? 1 : 0
    }
  }
  // Connected regions (8-neighbours, one block of gap bridged: a QR has light patches larger than a block).
  const label = new Int32Array(bw * bh).fill(-1)
  const boxes: Box[] = []
  const stack: number[] = []
  for (let start = 0; start < dense.length; start++) {
    if (!dense[start] || label[start] >= 0) continue
    const box = { x0: bw, y0: bh, x1: 0, y1: 0 }
    let count = 0
    label[start] = boxes.length
    stack.push(start)
    while (stack.length) {
      const i = stack.pop()!
      const x = i % bw
      const y = (i - x) / bw
      count++
      box.x0 = Math.min(box.x0, x)
      box.y0 = Math.min(box.y0, y)
      box.x1 = Math.max(box.x1, x)
      box.y1 = Math.max(box.y1, y)
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx
          const ny = y + dy
          if (nx < 0 || ny < 0 || nx >= bw || ny >= bh) continue
          const j = ny * bw + nx
          if (dense[j] && label[j] < 0) {
            label[j] = boxes.length
            stack.push(j)
          }
        }
      }
    }
    const w = box.x1 - box.x0 + 1
    const h = box.y1 - box.y0 + 1
    // A symbol is square, at least 21 modules of ≥ 1.5 px, and its area mostly dense; a line of text is not.
    if (w * B >= 32 && h * B >= 32 && w / h > 0.6 && w / h < 1.6 && count >= 0.4 * w * h) boxes.push(box)
    else boxes.push({ x0: -1, y0: -1, x1: -1, y1: -1 })
  }
  return boxes
    .filter((b) => b.x0 >= 0)
    .map((b) => {
      const m = Math.ceil((b.x1 - b.x0 + 1) * 0.12) + 2
      return { x0: Math.max(0, (b.x0 - m) * B), y0: Math.max(0, (b.y0 - m) * B), x1: Math.min(width, (b.x1 + 1 + m) * B), y1: Math.min(height, (b.y1 + 1 + m) * B) }
    })
}

/** The box as RGBA, enlarged `scale` times (a low-resolution scan has modules of two pixels, too few for jsQR's grid). */
function crop(grey: Uint8Array, width: number, box: Box, scale: number): { rgba: Uint8ClampedArray; w: number; h: number } {
  const w = (box.x1 - box.x0) * scale
  const h = (box.y1 - box.y0) * scale
  const rgba = new Uint8ClampedArray(w * h * 4)
  for (let y = 0; y < h; y++) {
    const row = (box.y0 + Math.floor(y / scale)) * width + box.x0
    for (let x = 0; x < w; x++) {
      const v = grey[row + Math.floor(x / scale)]
      const p = (y * w + x) * 4
      rgba[p] = rgba[p + 1] = rgba[p + 2] = v
      rgba[p + 3] = 255
    }
  }
  return { rgba, w, h }
}

function decode(grey: Uint8Array, width: number, box: Box, upscale = false): string | undefined {
  for (const scale of upscale ? [1, 2] : [1]) {
    const { rgba, w, h } = crop(grey, width, box, scale)
    const text = jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' })?.data
    if (text) return text
  }
  return undefined
}

/** The texts of the QR codes found in the image (each once). */
export function scanQrCodes(image: PageImage): string[] {
  const { width, height } = image
  if (!width || !height || image.data.length < width * height * 4) return []
  const grey = luminance(image)
  const found = new Set<string>()
  for (const box of candidateRegions(grey, width, height)) {
    const text = decode(grey, width, box, true)
    if (text) found.add(text)
  }
  if (!found.size) {
    const text = decode(grey, width, { x0: 0, y0: 0, x1: width, y1: height })
    if (text) found.add(text)
  }
  return [...found]
}
