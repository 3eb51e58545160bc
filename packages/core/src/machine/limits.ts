/** Named limits of the engine's machines: how often something is tried before the engine gives up on it. */

/** Sends of one message before it is marked `failed` (the visitor can still retry it). */
export const MAX_SEND_ATTEMPTS = 5
/** Complete requests before GetChat is asked whether one of them ended the chat after all. */
export const MAX_COMPLETE_ATTEMPTS = 3
/** GetChat requests that verify an end before the chat is ended locally with the error kept. */
export const MAX_VERIFY_ATTEMPTS = 3
/** Failures of the final transcript fetch of an ended chat before it ends without its last entries. */
export const MAX_DRAIN_FAILURES = 4
