/**
 * The holder's name as a verifier may see it: enough to match the person in front of them, not enough to learn who
 * holds which справка from a number — «Ахметов Нурлан Серикович» → «А****** Н. С.».
 */
export function maskHolderName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (!words.length) return '***'
  const [first, ...rest] = words
  const chars = [...first]
  return [`${chars[0]}${'*'.repeat(Math.max(3, chars.length - 1))}`, ...rest.map((w) => `${[...w][0]}.`)].join(' ')
}
