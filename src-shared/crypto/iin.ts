/**
 * ИИН/БИН check digit (12 digits; weights 1..11, then 3..11,1,2 if the first pass gives 10; mod 11).
 * Kept inside the crypto module so certificate facts can flag a bad number without depending on other areas.
 */
const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]

export function isValidIinOrBin(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false
  const d = [...value].map(Number)
  let sum = 0
  for (let i = 0; i < 11; i++) sum += d[i] * W1[i]
  let check = sum % 11
  if (check === 10) {
    sum = 0
    for (let i = 0; i < 11; i++) sum += d[i] * W2[i]
    check = sum % 11
    if (check === 10) return false
  }
  return check === d[11]
}
