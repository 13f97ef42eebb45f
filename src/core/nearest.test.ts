import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from './nearest.js';

describe('nearest', () => {
  const categories = ['Toys & Games', 'Home & Kitchen', 'Books', 'Garden'];

  it('finds the name a typo meant, whatever its case', () => {
    expect(nearest('Toys & Gmaes', categories)).toBe('Toys & Games');
    expect(nearest('toys', categories)).toBe('Toys & Games');
    expect(nearest('bookz', categories)).toBe('Books');
    expect(nearest('UPS', ['USPS', 'FedEx'])).toBe('USPS');
  });

  it('offers nothing when no name is close', () => {
    expect(nearest('Electronics', categories)).toBeNull();
    expect(nearest('', categories)).toBeNull();
    expect(nearest('Books', [])).toBeNull();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('gmaes', 'games')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
