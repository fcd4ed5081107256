import type { PageImage } from '@shared/verify/qr-scan'
import { ArmError } from '@shared/errors'

/** Larger photos are scaled down to this long side: a phone's 12 Mpx picture of a page has modules of 10+ px. */
const MAX_SIDE = 3000

/** The pixels of a scanned or photographed image file (the browser decodes PNG/JPEG; no BarcodeDetector needed). */
export async function readImageFile(file: Blob): Promise<PageImage> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch (err) {
    throw new ArmError('VERIFY_IMAGE_UNREADABLE', err instanceof Error ? err.message : String(err))
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const width = Math.max(1, Math.round(bitmap.width * scale))
  const height = Math.max(1, Math.round(bitmap.height * scale))
  const canvas = new OffscreenCanvas(width, height)
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new ArmError('VERIFY_IMAGE_UNREADABLE', 'no 2D canvas')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, width, height)
  ctx.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  const data = ctx.getImageData(0, 0, width, height)
  return { data: data.data, width, height }
}
