// The team's own vitest set-up: jsdom for React Testing Library, msw answering the GWS API in process.
export default { test: { environment: 'jsdom', include: ['*.test.jsx'], testTimeout: 20_000 } }
