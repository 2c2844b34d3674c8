/**
 * The weight-source rule (sources.ts): which weights a model is offered and which it starts with.
 * Trained weights when the site has them, random otherwise; the reader's /train handoff first;
 * shipped weights only for the network they were trained for (any input size, not other knobs).
 */
import { describe, expect, it } from 'vitest';
import { buildGraph, modelIdsFor } from '../arch';
import { SHIPPED_DIGITS_IDS } from './shipped-digits-index';
import {
  WEIGHT_SOURCE_LABELS,
  defaultSource,
  fitsRegisteredModel,
  isTrainedSource,
  kindOfUrlValue,
  offeredSources,
  urlSourcesFor,
  urlValueOf,
} from './sources';

describe('weight sources', () => {
  it('every digits model starts with its shipped trained weights; random, a file are offered too', () => {
    for (const id of modelIdsFor('digits')) {
      expect(SHIPPED_DIGITS_IDS).toContain(id);
      expect(defaultSource(id)).toBe('shipped-digits');
      expect(offeredSources(id)).toEqual(['shipped-digits', 'random', 'file']);
      expect(urlSourcesFor(id)).toEqual(['trained', 'random', 'file']);
    }
  });

  it('an ImageNet model starts random, unless the host added its ImageNet weights', () => {
    expect(defaultSource('resnet50')).toBe('random');
    expect(offeredSources('resnet50')).toEqual(['random', 'file']);
    expect(urlSourcesFor('resnet50')).toEqual(['random', 'file']);
    expect(defaultSource('resnet50', { imagenetAvailable: true })).toBe('imagenet');
    expect(urlSourcesFor('resnet50', { imagenetAvailable: true })).toEqual(['imagenet', 'random', 'file']);
  });

  it('a /train handoff named by the link comes first; knobs that change the network leave random as the default', () => {
    expect(defaultSource('densenet_digits', { trainedReady: true })).toBe('trained');
    expect(offeredSources('densenet_digits', { trainedReady: true })[0]).toBe('trained');
    expect(defaultSource('densenet_digits', { registeredShape: false })).toBe('random');
    expect(offeredSources('densenet_digits', { registeredShape: false })).toEqual(['random', 'file']);
    // The URL keeps accepting `trained` (the choice survives a knob change and back).
    expect(urlSourcesFor('densenet_digits', { registeredShape: false })).toEqual(['random', 'trained', 'file']);
  });

  it('shipped weights fit the registered network at any input size, not one with other knobs', () => {
    expect(fitsRegisteredModel(buildGraph('densenet_digits'), 'densenet_digits')).toBe(true);
    expect(fitsRegisteredModel(buildGraph('densenet_digits', { size: 56 }), 'densenet_digits')).toBe(true);
    expect(fitsRegisteredModel(buildGraph('densenet_digits', { growthRate: 16 }), 'densenet_digits')).toBe(false);
    expect(fitsRegisteredModel(buildGraph('resnet_digits'), 'resnext_digits')).toBe(false);
    expect(fitsRegisteredModel(buildGraph('resnet_digits'), 'no_such_model')).toBe(false);
  });

  it('random keeps the site’s wording; URL values and kinds map both ways', () => {
    expect(WEIGHT_SOURCE_LABELS.random).toBe('Seeded random');
    expect(isTrainedSource('random')).toBe(false);
    expect(isTrainedSource('shipped-digits')).toBe(true);
    for (const v of ['trained', 'imagenet', 'random', 'file'] as const) expect(urlValueOf(kindOfUrlValue(v))).toBe(v);
    expect(urlValueOf('trained')).toBeNull();
  });
});
