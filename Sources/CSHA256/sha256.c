// SHA-256 (FIPS 180-4): portable implementation with a dispatch point for accelerated cores.
#include "csha256.h"
#include <stdlib.h>
#include <string.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress_portable(uint32_t h[8], const uint8_t *p, size_t count) {
    while (count--) {
        uint32_t w[64];
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t S1 = ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = hh + S1 + ch + K[i] + w[i];
            uint32_t S0 = ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22);
            uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + maj;
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
        p += 64;
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define ZKC_HAVE_SHANI 1

/// SHA-256 compression with the x86 SHA extensions (state kept as ABEF/CDGH lane pairs).
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_shani(uint32_t h[8], const uint8_t *data, size_t count) {
    const __m128i MASK = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i state1 = _mm_loadu_si128((const __m128i *)&h[4]);
    tmp = _mm_shuffle_epi32(tmp, 0xB1);             // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1B);       // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);    // CDGH

    while (count--) {
        __m128i abefSave = state0, cdghSave = state1;
        __m128i w[4];
        for (int g = 0; g < 16; g++) {
            __m128i x;
            if (g < 4) {
                x = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * g)), MASK);
            } else {
                // W_g = σ-schedule of the previous four groups (FIPS 180-4 §6.2.2 step 1).
                __m128i t = _mm_sha256msg1_epu32(w[(g - 4) & 3], w[(g - 3) & 3]);
                t = _mm_add_epi32(t, _mm_alignr_epi8(w[(g - 1) & 3], w[(g - 2) & 3], 4));
                x = _mm_sha256msg2_epu32(t, w[(g - 1) & 3]);
            }
            w[g & 3] = x;
            __m128i msg = _mm_add_epi32(x, _mm_loadu_si128((const __m128i *)&K[4 * g]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
            msg = _mm_shuffle_epi32(msg, 0x0E);
            state0 = _mm_sha256rnds2_epu32(state0, state1, msg);
        }
        state0 = _mm_add_epi32(state0, abefSave);
        state1 = _mm_add_epi32(state1, cdghSave);
        data += 64;
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);          // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);       // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);    // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);       // ABEF
    _mm_storeu_si128((__m128i *)&h[0], state0);
    _mm_storeu_si128((__m128i *)&h[4], state1);
}
#endif

static int accelerated = -1;

static int use_accelerated(void) {
    if (accelerated < 0) {
#ifdef ZKC_HAVE_SHANI
        __builtin_cpu_init();
        accelerated = (__builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") &&
                       getenv("ZKC_SHA256_PORTABLE") == NULL) ? 1 : 0;
#else
        accelerated = 0;
#endif
    }
    return accelerated;
}

void zkc_sha256_compress(uint32_t h[8], const uint8_t *blocks, size_t count) {
#ifdef ZKC_HAVE_SHANI
    if (use_accelerated()) { compress_shani(h, blocks, count); return; }
#endif
    compress_portable(h, blocks, count);
}

void zkc_sha256_compress_portable(uint32_t h[8], const uint8_t *blocks, size_t count) {
    compress_portable(h, blocks, count);
}

int zkc_sha256_accelerated(void) { return use_accelerated(); }

void zkc_sha256_compress_block(const uint32_t iv[8], const uint8_t block[64], uint8_t out[32]) {
    uint32_t h[8];
    memcpy(h, iv, sizeof h);
    zkc_sha256_compress(h, block, 1);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(h[i] >> 8);
        out[4 * i + 3] = (uint8_t)h[i];
    }
}

void zkc_sha256_init(zkc_sha256_ctx *ctx) {
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(ctx->h, iv, sizeof iv);
    ctx->length = 0;
    ctx->buffered = 0;
}

void zkc_sha256_update(zkc_sha256_ctx *ctx, const void *data, size_t length) {
    const uint8_t *p = (const uint8_t *)data;
    ctx->length += length;
    if (ctx->buffered) {
        size_t take = 64 - ctx->buffered;
        if (take > length) take = length;
        memcpy(ctx->buffer + ctx->buffered, p, take);
        ctx->buffered += take; p += take; length -= take;
        if (ctx->buffered < 64) return;
        zkc_sha256_compress(ctx->h, ctx->buffer, 1);
        ctx->buffered = 0;
    }
    size_t blocks = length / 64;
    if (blocks) {
        zkc_sha256_compress(ctx->h, p, blocks);
        p += blocks * 64; length -= blocks * 64;
    }
    if (length) {
        memcpy(ctx->buffer, p, length);
        ctx->buffered = length;
    }
}

void zkc_sha256_final(zkc_sha256_ctx *ctx, uint8_t out[32]) {
    uint64_t bits = ctx->length * 8;
    uint8_t pad[128] = {0x80};
    size_t padLength = (ctx->buffered < 56) ? 56 - ctx->buffered : 120 - ctx->buffered;
    zkc_sha256_update(ctx, pad, padLength);
    uint8_t lengthBytes[8];
    for (int i = 0; i < 8; i++) lengthBytes[i] = (uint8_t)(bits >> (56 - 8 * i));
    zkc_sha256_update(ctx, lengthBytes, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(ctx->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(ctx->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(ctx->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)ctx->h[i];
    }
}

void zkc_sha256(const void *data, size_t length, uint8_t out[32]) {
    zkc_sha256_ctx ctx;
    zkc_sha256_init(&ctx);
    zkc_sha256_update(&ctx, data, length);
    zkc_sha256_final(&ctx, out);
}

void zkc_sha256_prefixed(uint8_t prefix, const uint8_t *data, size_t length, uint8_t out[32]) {
    if (length + 1 <= 55) {
        // One padded block: prefix ‖ data ‖ 0x80 ‖ zeros ‖ 64-bit big-endian bit length.
        uint8_t block[64] = {0};
        block[0] = prefix;
        memcpy(block + 1, data, length);
        block[length + 1] = 0x80;
        uint64_t bits = (uint64_t)(length + 1) * 8;
        for (int i = 0; i < 8; i++) block[63 - i] = (uint8_t)(bits >> (8 * i));
        static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        zkc_sha256_compress_block(iv, block, out);
        return;
    }
    zkc_sha256_ctx ctx;
    zkc_sha256_init(&ctx);
    zkc_sha256_update(&ctx, &prefix, 1);
    zkc_sha256_update(&ctx, data, length);
    zkc_sha256_final(&ctx, out);
}
