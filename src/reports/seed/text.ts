import type { Rng } from '../../platform/module.js';

/** Report descriptions as people write them; {place} and {n} are filled in. */
const TEMPLATES: Record<string, string[]> = {
  'noise-residential': [
    'Loud music and shouting from a flat near {place} until after 2am. This is the third weekend running.',
    'Constant banging and drilling from the flat above late at night. Cannot sleep.',
    'Party in a flat at {place}, music so loud the windows shake. Asked them to turn it down and was sworn at.',
  ],
  'noise-commercial': [
    'Air conditioning unit on the roof of an office by {place} running all night with a loud hum.',
    'Deliveries to the shop on {place} at 5am every day with lorries reversing and beeping.',
    'Restaurant kitchen extractor at {place} very loud into the evening.',
  ],
  'noise-construction': [
    'Building site at {place} working before 8am with heavy machinery.',
    'Demolition noise and dust from the site on {place} on a Saturday afternoon.',
    'Concrete pouring through the night at {place}, no notice given to residents.',
  ],
  'noise-street': [
    'Group of about {n} people shouting and singing on {place} after the pubs closed.',
    'Busker with an amplifier on {place} for hours, very loud.',
    'People leaving bars on {place} shouting and fighting at 1am.',
  ],
  'licensed-premises': [
    'Crowd of {n} drinking outside the bar on {place} blocking the pavement, glasses left everywhere.',
    'Late-night venue near {place} playing music with doors open past closing time.',
    'Customers of the pub at {place} urinating in the alley and shouting at passers-by.',
  ],
  'street-drinking': [
    'Group of {n} drinking cans on the benches at {place} most afternoons, shouting at people.',
    'Street drinkers at {place} leaving bottles and being abusive to office workers.',
  ],
  'drug-use': [
    'Smell of cannabis and people dealing in the doorway at {place}.',
    'Nitrous oxide canisters all over the ground at {place} after the weekend.',
    'Needles found in the stairwell near {place}.',
  ],
  'public-urination': [
    'Men urinating against the wall at {place} after the bars closed. The doorway smells terrible.',
    'Alley beside {place} used as a toilet every weekend, needs cleaning.',
  ],
  'aggressive-begging': [
    'Man following people from {place} asking for money and getting angry when refused.',
    'Person begging at the cash machine on {place}, standing very close and intimidating.',
  ],
  'rough-sleeping': [
    'A man sleeping in the doorway at {place}, he looked unwell this morning.',
    'Woman sleeping rough near {place} for several nights, worried about her in the cold.',
  ],
  harassment: [
    'A group at {place} shouted abuse at me and followed me down the street.',
    'Neighbour near {place} keeps making threats and banging on my door.',
  ],
  'vehicle-nuisance': [
    'Cars revving engines and racing along {place} late at night.',
    'Motorbikes doing wheelies on {place} around midnight.',
  ],
  'cycling-walkways': [
    'Cyclists riding fast along the walkway at {place} in rush hour, nearly hit someone.',
    'Delivery riders on e-bikes using the high walk at {place} as a shortcut.',
  ],
  'walkway-bylaw': [
    'Skateboarders on the walkway at {place} in the evening, very noisy and damaging the benches.',
    'Stall set up on the walkway at {place} blocking the way.',
  ],
  graffiti: [
    'Graffiti tags sprayed on the wall at {place} overnight.',
    'Large graffiti on the shutters at {place}.',
    'Offensive words sprayed on a wall at {place}.',
  ],
  'fly-posting': [
    'Posters for club nights stuck all over the phone box at {place}.',
    'Stickers and flyers pasted on the lamp posts along {place}.',
  ],
  'litter-fly-tipping': [
    'Bags of trade waste dumped on the pavement at {place}.',
    'A mattress and a broken chair left on the corner of {place}.',
    'Litter and food boxes all over {place} after the weekend.',
  ],
};

export function describe(rng: Rng, category: string, place: string): string {
  const t = rng.pick(TEMPLATES[category] ?? ['Anti-social behaviour at {place}.']);
  return t.replace('{place}', place).replace('{n}', String(rng.int(4, 15)));
}
