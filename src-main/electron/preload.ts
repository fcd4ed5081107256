// Preload (sandboxed, CJS, zod bundled): exposes exactly the contract's window.arm, nothing generic.
import { contextBridge, ipcRenderer } from 'electron'
import { createArmApi } from '../../src-shared/bridge/client'

contextBridge.exposeInMainWorld(
  'arm',
  createArmApi((channel, request) => ipcRenderer.invoke(`arm:${channel}`, request)),
)
