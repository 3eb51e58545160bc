import { createRequire } from 'node:module'
import { expect, test } from '@gws-chat/testing/playwright'

// The page under test. A real app is served by its own dev server and given `simulator.url` as its
// GWS base URL. Here it is the script-tag widget, answered by Playwright's router on the simulator's origin.
const widget = createRequire(import.meta.url).resolve('@gws-chat/dom/package.json').replace(/package\.json$/, 'dist/gws-chat.iife.js')

// Every test gets its own simulator; these options apply to each (2 s agent join → 200 ms).
test.use({ simulatorOptions: { timeScale: 0.1 } })

test.beforeEach(async ({ page, simulator }) => {
  const html = `<!doctype html><html lang="en"><head><title>Shop</title></head><body>
    <gws-chat base-url="${simulator.url}" contact-center-id="demo" with-credentials="false"></gws-chat>
    <script src="gws-chat.iife.js"></script></body></html>`
  await page.route(`${simulator.url}/shop/`, (route) => route.fulfill({ contentType: 'text/html', body: html }))
  await page.route(`${simulator.url}/shop/gws-chat.iife.js`, (route) => route.fulfill({ path: widget }))
  await page.goto(`${simulator.url}/shop/`)
})

async function startChat(page: import('@playwright/test').Page) {
  await page.getByRole('textbox', { name: 'Your name' }).fill('Chris')
  await page.getByRole('textbox', { name: 'How can we help?' }).fill('A question about my bill')
  await page.getByRole('button', { name: 'Start chat' }).click()
}

test('a visitor chats with the scripted agent', async ({ page, simulator }) => {
  await startChat(page)
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(log.getByText("Hi, I'm Ava. How can I help?")).toBeVisible()
  await page.getByRole('textbox', { name: 'Message' }).fill('Where is my parcel?')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(log.getByText('You said: Where is my parcel?')).toBeVisible()

  // The simulator of this test alone: its chat, its request log.
  const [chat] = simulator.chats()
  expect(chat?.transcript.filter((e) => e.type === 'Text').map((e) => e.text)).toEqual([
    "Hi, I'm Ava. How can I help?",
    'Where is my parcel?',
    'You said: Where is my parcel?',
  ])
  expect(simulator.requests.find((r) => r.operation === 'RequestChat')?.headers.contactcenterid).toBe('demo')
})

test('a send that fails once is retried and shown once', async ({ page, simulator }) => {
  await startChat(page)
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(log.getByText("Hi, I'm Ava. How can I help?")).toBeVisible()
  simulator.addFault({ kind: 'http-error', status: 503, operation: 'SendMessage', times: 1 })
  await page.getByRole('textbox', { name: 'Message' }).fill('Sent once')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(log.getByText('You said: Sent once')).toBeVisible()
  await expect(log.getByText('Sent once', { exact: true })).toHaveCount(1)
  expect(simulator.requests.filter((r) => r.operation === 'SendMessage').map((r) => r.status)).toEqual([503, 200])
})

test.describe('when no agent comes', () => {
  test.use({ simulatorOptions: { scenario: 'never', timeScale: 0.1 } })

  test('the visitor waits in the queue; the test brings an agent in', async ({ page, simulator }) => {
    await startChat(page)
    await expect.poll(() => simulator.chats().length).toBe(1)
    const id = simulator.chats()[0]?.id as string
    expect(simulator.chat(id)?.state).toBe('WaitingForAgent')
    simulator.agent(id).join('Zoe')
    simulator.agent(id).say('Zoe here, sorry for the wait.')
    await expect(page.getByRole('log', { name: 'Conversation' }).getByText('Zoe here, sorry for the wait.')).toBeVisible()
  })
})
