import { isIP } from 'node:net'
import { describe, expect, it } from 'vitest'
import { isIpAddress } from './ip.js'

const CASES = [
  '127.0.0.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', '10.0.0.1 ',
  '::', '::1', 'fe80::1%eth0', 'fe80::1%', '2001:db8::8a2e:370:7334', '2001:0db8:0000:0000:0000:ff00:0042:8329',
  '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1::2::3', '::ffff:192.0.2.1', '::ffff:999.0.2.1', '12345::', 'g::1',
  'localhost', 'example.test', '', ':', ':::', '1:2:3:4:5:6:7::', '::1:2:3:4:5:6:7',
]

describe('isIpAddress', () => {
  it('agrees with net.isIP on addresses, malformed ones and names', () => {
    for (const value of CASES) expect([value, isIpAddress(value)]).toEqual([value, isIP(value) !== 0])
  })
})
