// One engine chat as a bot or load test runs it (the concurrency ramp's clients and its worker threads): created, one
// subscriber (as a UI would), started; it reports its first `connected` and its errors. Returns its destroy.
import { createChat } from '@gws-chat/core'

export function openEngineChat({ baseUrl, http, i, onConnected, onError }) {
  const chat = createChat({ baseUrl, contactCenterId: 'demo', ...(http ? { http } : {}) })
  let connected = false
  chat.on('error', (event) => onError(event.error?.message ?? String(event.error)))
  const stop = chat.subscribe((snapshot) => {
    if (snapshot.status === 'connected' && !connected) {
      connected = true
      onConnected()
    }
  })
  chat.start({ nickname: `visitor ${i}`, subject: 'bench' })
  return () => {
    stop()
    chat.destroy()
  }
}
