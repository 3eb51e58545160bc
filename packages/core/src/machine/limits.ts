/** Named limits of the engine's machines: how often something is tried before the engine gives up on it. */

/** Sends of one message before it is marked `failed` (the visitor can still retry it). */
export const MAX_SEND_ATTEMPTS = 5
/** Complete requests before GetChat is asked whether one of them ended the chat after all. */
export const MAX_COMPLETE_ATTEMPTS = 3
/** GetChat requests that verify an end before the chat is ended locally with the error kept. */
export const MAX_VERIFY_ATTEMPTS = 3
/** Failures of the final transcript fetch of an ended chat before it ends without its last entries. */
export const MAX_DRAIN_FAILURES = 4
/** Consecutive GetMessages answers that stop at the same missing index before a placeholder moves the transcript past it. */
export const GAP_WAIT_POLLS = 3
/** The longest `Retry-After` obeyed (one minute): a longer one is cut to this, so it never hides a chat for long. */
export const MAX_RETRY_AFTER_MS = 60_000
/** The longest delay a timer is given: `setTimeout` fires at once above 2^31 - 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647
/** Messages the outbox holds at most (queued, sending, sent awaiting their echo, failed): `send` refuses more. */
export const MAX_OUTBOX = 500
