import { describe, expect, it } from 'vitest';
import { hex, hex_byte } from './hex.ts';

describe('hex', () => {
  it('prints as %#lx: lower case, no padding', () => {
    expect(hex(0x10040)).toBe('0x10040');
    expect(hex(0)).toBe('0x0');
    expect(hex(0xabcdef)).toBe('0xabcdef');
    expect(hex(2 ** 47)).toBe('0x800000000000');
  });
  it('puts the sign before 0x', () => {
    expect(hex(-16)).toBe('-0x10');
  });
});

describe('hex_byte', () => {
  it('prints two digits', () => {
    expect(hex_byte(0)).toBe('0x00');
    expect(hex_byte(0xa)).toBe('0x0a');
    expect(hex_byte(0xff)).toBe('0xff');
  });
});
