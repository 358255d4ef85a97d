/** Lines both call paths say outside the engine's replies (the agent's cached phrases are in agent/phrase-cache.ts). */
export const lines = {
  connecting: "Connecting you to the team now.",
  nobodyFree: "Nobody is free to take the call right now, but I can take your details and book a visit. What do you need help with?",
  maxLengthGoodbye: "We've reached the time limit for this call. Thanks for calling, and goodbye.",
} as const;
