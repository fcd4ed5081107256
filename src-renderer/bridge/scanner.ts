import type { ArmApi, RequestOf, ResponseOf } from '@shared/bridge/contract'
import { ArmError } from '@shared/errors'

export type ScanRequest = Omit<RequestOf<'scanner.scan'>, 'jobId'>
export type ScanProgress = ResponseOf<'scanner.progress'>

/** The desk's scanner in main (SANE / WIA): one scan is one long call, followed by polling its progress by job id. */
export interface ScannerPort {
  /** False where the desk has no bridge (a plain browser): then only "Add file". */
  available(): boolean
  scan(jobId: string, request: ScanRequest): Promise<ResponseOf<'scanner.scan'>>
  progress(jobId: string): Promise<ScanProgress>
  cancel(jobId: string): Promise<boolean>
}

/** Over window.arm.scanner, looked up at each call (the bridge is installed after the workstation is built). */
export function bridgeScanner(api: () => Partial<ArmApi> | undefined = () => (globalThis as { window?: { arm?: Partial<ArmApi> } }).window?.arm): ScannerPort {
  const s = () => {
    const scanner = api()?.scanner
    if (!scanner) throw new ArmError('SCANNER_DRIVER_MISSING', 'window.arm.scanner is not available')
    return scanner
  }
  return {
    available: () => !!api()?.scanner,
    scan: (jobId, request) => s().scan({ ...request, jobId }),
    progress: (jobId) => s().progress({ jobId }),
    cancel: async (jobId) => (await s().cancel({ jobId })).cancelled,
  }
}
