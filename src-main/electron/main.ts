// Entry of the Electron main process (out/main/index.js). All logic is in app.ts so tests can drive it with electron mocked.
import { startElectronApp } from './app'

startElectronApp().ready.catch((err: unknown) => {
  console.error('АРМ failed to start:', err)
  process.exit(1)
})
