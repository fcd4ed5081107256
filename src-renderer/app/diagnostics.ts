// The diagnostics button with its styles, one chunk: App.tsx loads it with the bridge, after the login screen's first paint.
import '../features/diagnostics/diagnostics.css'
export { DiagnosticsButton } from '../features/diagnostics/DiagnosticsButton'
