const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const HEX_GROUP = /^[0-9a-f]{1,4}$/i

/** True for a dotted IPv4 address or an IPv6 address (optionally with a zone or a trailing IPv4), like `net.isIP() !== 0`. */
export function isIpAddress(name: string): boolean {
  if (IPV4.test(name)) return true
  return isIpv6(name)
}

function isIpv6(name: string): boolean {
  if (!name.includes(':') || name.length > 64) return false
  const zone = name.indexOf('%')
  const address = zone === -1 ? name : name.slice(0, zone)
  if (zone !== -1 && zone === name.length - 1) return false
  const halves = address.split('::')
  if (halves.length > 2) return false
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'))
  const head = groups(halves[0] ?? '')
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : []
  const all = [...head, ...tail]
  let count = all.length
  const last = all[all.length - 1] ?? ''
  if (last.includes('.')) {
    if (!IPV4.test(last)) return false
    all.pop()
    count += 1
  }
  if (!all.every((g) => HEX_GROUP.test(g))) return false
  return halves.length === 2 ? count <= 7 : count === 8
}
