/**
 * The results map's classification and palette controls: method (continuous, quantiles, natural
 * breaks, equal intervals, standard deviations, box map), k or the box map's hinge, and a
 * colour-blind-safe palette (ColorBrewer, viridis family), optionally reversed.
 */
import { CLASSIFICATION_METHODS, type ClassificationMethod } from '../../src/core/map/classify';
import { PALETTES } from '../../src/core/map/palettes';
import { METHOD_LABELS } from '../spatial/layers';
import { defaultMapStyle, type MapStyle } from './charts';
import { h, uid } from './dom';

export interface MapStyleControls {
  element: HTMLElement;
  value(): MapStyle;
  /** Back to the default of the (new) quantity. */
  reset(): void;
}

export function mapStyleControls(values: () => readonly number[], saved: MapStyle | undefined, changed: (s: MapStyle) => void): MapStyleControls {
  const labelled = (text: string, control: HTMLElement) => {
    const id = uid('map-style');
    control.id = id;
    return h('label', { for: id, class: 'sar-label' }, `${text} `, control);
  };
  const method = h('select', { class: 'sar-select' }, ...CLASSIFICATION_METHODS.map((m) => h('option', { value: m }, METHOD_LABELS[m])));
  const k = h('select', { class: 'sar-select' }, ...[3, 4, 5, 6, 7, 8, 9].map((x) => h('option', { value: x }, String(x))));
  const hinge = h('select', { class: 'sar-select' }, h('option', { value: '1.5' }, '1.5'), h('option', { value: '3' }, '3'));
  const palette = h('select', { class: 'sar-select' }, ...PALETTES.map((p) => h('option', { value: p.name }, `${p.name} (${p.kind})`)));
  const reverse = h('input', { type: 'checkbox' });
  const kLabel = labelled('k', k);
  const hingeLabel = labelled('Hinge', hinge);
  const set = (s: MapStyle) => {
    method.value = s.method;
    k.value = String(s.k ?? 5);
    hinge.value = String(s.hinge ?? 1.5);
    palette.value = s.palette;
    reverse.checked = !!s.reverse;
    kLabel.hidden = !(s.method === 'quantile' || s.method === 'naturalBreaks' || s.method === 'equalInterval');
    hingeLabel.hidden = s.method !== 'boxMap';
  };
  const value = (): MapStyle => ({ method: method.value as ClassificationMethod, k: Number(k.value), hinge: hinge.value === '3' ? 3 : 1.5, palette: palette.value, reverse: reverse.checked });
  set(saved ?? defaultMapStyle(values()));
  const onChange = () => {
    set(value());
    changed(value());
  };
  for (const c of [method, k, hinge, palette, reverse]) c.addEventListener('change', onChange);
  const element = h('div', { class: 'sar-toolbar sar-map-style', role: 'group', 'aria-label': 'Classes and colours of the map' },
    labelled('Classes', method), kLabel, hingeLabel, labelled('Palette', palette), h('label', { class: 'sar-label' }, reverse, 'reverse'));
  return {
    element,
    value,
    reset() {
      set(defaultMapStyle(values()));
      changed(value());
    },
  };
}
