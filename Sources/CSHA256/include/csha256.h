#ifndef ZKC_CSHA256_H
#define ZKC_CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Incremental SHA-256 state.
typedef struct {
    uint32_t h[8];
    uint64_t length;     // bytes absorbed so far
    uint8_t buffer[64];  // pending partial block
    size_t buffered;
} zkc_sha256_ctx;

void zkc_sha256_init(zkc_sha256_ctx *ctx);
void zkc_sha256_update(zkc_sha256_ctx *ctx, const void *data, size_t length);
void zkc_sha256_final(zkc_sha256_ctx *ctx, uint8_t out[32]);

/// One-shot SHA-256 of `length` bytes.
void zkc_sha256(const void *data, size_t length, uint8_t out[32]);

/// Compresses `blocks` consecutive 64-byte blocks into the state `h` (no padding).
void zkc_sha256_compress(uint32_t h[8], const uint8_t *blocks, size_t count);

/// The portable compression, for differential tests of the accelerated one.
void zkc_sha256_compress_portable(uint32_t h[8], const uint8_t *blocks, size_t count);

/// One compression of a 64-byte block from the chaining value `iv`; the new state as 32
/// big-endian bytes. With a domain-specific IV this is a fixed-length hash of 64 bytes.
void zkc_sha256_compress_block(const uint32_t iv[8], const uint8_t block[64], uint8_t out[32]);

/// SHA-256(prefix ‖ data), with a one-compression fast path for messages under 56 bytes.
void zkc_sha256_prefixed(uint8_t prefix, const uint8_t *data, size_t length, uint8_t out[32]);

/// 1 when the CPU's SHA extensions are in use, 0 for the portable path.
int zkc_sha256_accelerated(void);

#ifdef __cplusplus
}
#endif
#endif
