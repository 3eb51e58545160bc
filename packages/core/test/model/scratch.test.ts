import { it } from 'vitest'
import { createChatMachine } from '../../src'
it('explore', () => {
  const m = createChatMachine({} as never)
  const walk = (n: any) => {
    const trans = [...n.transitions.entries()].map(([k, v]: any) => `${k}[${v.length}]`)
    console.log(n.id, n.type, 'always:', n.always?.length ?? 0, trans.join(' '))
    for (const c of Object.values(n.states)) walk(c)
  }
  walk(m.root)
  const t = [...m.root.states.requesting.transitions.values()][0][0]
  console.log(Object.keys(t), t.guard, t.eventType, t.target?.map((x: any) => x.id), t.source.id)
})
