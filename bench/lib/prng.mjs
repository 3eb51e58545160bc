/** A small seeded PRNG (mulberry32, the simulator's), so scripts and jitter replay exactly. */
export { mulberry32 as prng } from '@gws-chat/simulator'
