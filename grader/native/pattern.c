/* The checker's byte pattern (pattern.h): a pseudo-random table with a prime period. */
#include "pattern.h"

#include <math.h>
#include <string.h>

#define PERIOD 65521u
#define STRIDE 40503u
#define EDGE ((size_t)1 << 12)
#define SAMPLES 8u
#define PAGE ((size_t)4096)

/* PATTERN[i] for i < PERIOD, then repeated so any span is one subarray. */
static uint8_t table[PERIOD + PATTERN_FULL_LIMIT];

void pattern_init(void) {
  uint32_t x = 0x9e3779b9u;
  for (size_t i = 0; i < PERIOD; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    table[i] = (uint8_t)(x >> 24);
  }
  for (size_t i = PERIOD; i < sizeof table; i++) table[i] = table[i - PERIOD];
}

const uint8_t *pattern(uint64_t serial, size_t off) {
  uint64_t phase = (serial % PERIOD) * STRIDE % PERIOD;
  return table + (phase + off % PERIOD) % PERIOD;
}

void spans_of(size_t size, uint64_t serial, struct spans *out) {
  if (size <= PATTERN_FULL_LIMIT) {
    out->count = 1;
    out->off[0] = 0;
    out->len[0] = size;
    return;
  }
  size_t pages = (size - 2 * EDGE) / PAGE;
  double shift = fmod((double)serial * 0.6180339887498949, 1.0);
  out->off[0] = 0;
  out->len[0] = EDGE;
  for (unsigned k = 0; k < SAMPLES; k++) {
    out->off[1 + k] = EDGE + (size_t)floor((k + shift) * (double)pages / SAMPLES) * PAGE;
    out->len[1 + k] = PAGE;
  }
  out->off[1 + SAMPLES] = size - EDGE;
  out->len[1 + SAMPLES] = EDGE;
  out->count = 2 + SAMPLES;
}

size_t covered_bytes(size_t size) {
  return size <= PATTERN_FULL_LIMIT ? size : 2 * EDGE + SAMPLES * PAGE;
}

void pattern_fill(uint8_t *p, size_t size, uint64_t serial) {
  struct spans s;
  spans_of(size, serial, &s);
  for (size_t k = 0; k < s.count; k++) memcpy(p + s.off[k], pattern(serial, s.off[k]), s.len[k]);
}

size_t pattern_mismatch(const uint8_t *p, size_t size, uint64_t serial, size_t limit) {
  struct spans s;
  spans_of(size, serial, &s);
  for (size_t k = 0; k < s.count && s.off[k] < limit; k++) {
    size_t off = s.off[k];
    size_t len = s.len[k] < limit - off ? s.len[k] : limit - off;
    const uint8_t *want = pattern(serial, off);
    if (memcmp(p + off, want, len) == 0) continue;
    size_t i = 0;
    while (p[off + i] == want[i]) i++;
    return off + i;
  }
  return SIZE_MAX;
}
