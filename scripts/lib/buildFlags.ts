/**
 * Node flags for a process that builds an index (`npm run reindex`, the benchmark's builds). A
 * build makes many short-lived objects, and with V8's defaults the young generation and the heap
 * grow well past what is live: at 20,000 sentences these flags alone lowered the peak RSS from 166 to
 * 130 MB for about the same build time. package.json's `reindex` script passes the same flags (a
 * test checks it). They do nothing for the bot, whose memory is the loaded index.
 */
export const BUILD_NODE_FLAGS: readonly string[] = ['--optimize-for-size', '--max-semi-space-size=4'];
