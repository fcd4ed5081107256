import { registerInboxI18n } from '../features/inbox/i18n'
import { registerSupervisorI18n } from '../features/inbox/supervision/i18n'
import { registerIntakeI18n } from '../features/intake/i18n'
import { registerOutboxI18n } from '../features/outbox/i18n'
import { i18n } from '../i18n'
import { registerOperatorI18n } from './operatorTexts'

/** Every feature's texts, merged once into the renderer's one i18next instance. */
export function registerTexts(): void {
  registerOutboxI18n(i18n)
  registerIntakeI18n(i18n)
  registerInboxI18n(i18n)
  registerSupervisorI18n(i18n)
  registerOperatorI18n(i18n)
}
