import type { ServiceDefinition } from '@shared/catalog'
import { useLang } from '../../i18n/lang'
import { defineTexts, useTexts } from '../../i18n/texts'

const paperTexts = defineTexts({
  kk: { title: 'Қағаз түпнұсқалары ұсынылды (қабылдау кезіндегі белгі)', none: 'Қағаз түпнұсқалары белгіленбеген' },
  ru: { title: 'Бумажные оригиналы предъявлены (отметка при приёме)', none: 'Бумажные оригиналы не отмечены' },
  en: { title: 'Paper originals presented (marked at intake)', none: 'No paper originals marked' },
})

/**
 * The documents whose paper original the operator saw at the counter («отметка о наличии документов в бумажной
 * форме»), read from the signed envelope and named from the catalogue.
 */
export function PaperMarks(props: { envelope: Record<string, unknown>; service: ServiceDefinition | undefined }) {
  const text = useTexts(paperTexts)
  const lang = useLang()
  const ids = Array.isArray(props.envelope.paperPresented) ? props.envelope.paperPresented.filter((x): x is string => typeof x === 'string') : []
  const name = (id: string) => props.service?.documents.find((d) => d.id === id)?.name[lang] ?? id
  return (
    <section data-testid="paper-marks" data-count={ids.length}>
      <h3>{text.title}</h3>
      {ids.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <ul>
          {ids.map((id) => (
            <li key={id} data-doc={id}>
              ✓ {name(id)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
