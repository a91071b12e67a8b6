import type { PromptVariable } from '../schema/index.js';

// Every `[name]` a template may contain, with what a buyer fills in.
// Templates are built from blocks that use these names; the generator turns
// the names it finds in a template into that version's `variables` list.

interface VariableSpec {
  type: PromptVariable['type'];
  description: string;
  examples: readonly string[];
  options?: readonly string[];
}

const choice = (description: string, options: readonly string[]): VariableSpec => ({
  type: 'choice',
  description,
  examples: options,
  options,
});

export const VARIABLES: Record<string, VariableSpec> = {
  // Writing, marketing, business
  topic: {
    type: 'text',
    description: 'What the piece is about',
    examples: [
      'remote onboarding',
      'composting at home',
      'first-time home buying',
      'zero-waste travel',
    ],
  },
  audience: {
    type: 'text',
    description: 'Who will read it',
    examples: ['busy parents', 'junior developers', 'small-business owners', 'college students'],
  },
  tone: choice('Voice of the text', [
    'friendly',
    'professional',
    'witty',
    'authoritative',
    'empathetic',
  ]),
  word_count: {
    type: 'number',
    description: 'Target length in words',
    examples: ['600', '900', '1200', '1500'],
  },
  product_name: {
    type: 'text',
    description: 'Name of the product or service',
    examples: ['Brewly', 'TaskNest', 'Lumen Desk Lamp', 'GreenLoop'],
  },
  product_description: {
    type: 'long_text',
    description: 'Two or three sentences on what it does and for whom',
    examples: [
      'A reusable coffee filter made of stainless steel. Fits every pour-over cone and lasts for years.',
      'A to-do app for families that splits chores fairly and reminds everyone on their phone.',
    ],
  },
  brand_voice: {
    type: 'text',
    description: 'Three adjectives that describe the brand',
    examples: ['warm, playful, honest', 'calm, precise, premium', 'bold, fast, irreverent'],
  },
  keyword: {
    type: 'text',
    description: 'Main search keyword to rank for',
    examples: ['best standing desk', 'how to brew cold brew', 'budget travel japan'],
  },
  platform: choice('Where the post goes', ['LinkedIn', 'X', 'Instagram', 'TikTok', 'Facebook']),
  goal: {
    type: 'text',
    description: 'What the reader should do afterwards',
    examples: ['book a demo', 'join the waitlist', 'download the guide', 'reply to the e-mail'],
  },
  industry: {
    type: 'text',
    description: 'The market you operate in',
    examples: ['fintech', 'specialty coffee', 'B2B SaaS', 'veterinary clinics'],
  },
  company_name: {
    type: 'text',
    description: 'Your company or project name',
    examples: ['Northwind Labs', 'Acme Bakery', 'Helio Analytics'],
  },
  offer: {
    type: 'text',
    description: 'The deal or promise in one line',
    examples: ['30% off the first month', 'free shipping this weekend', 'a 14-day free trial'],
  },
  story_premise: {
    type: 'long_text',
    description: 'One paragraph on the story idea',
    examples: ['A lighthouse keeper finds letters from her future self washed up in bottles.'],
  },
  genre: choice('Genre of the story', [
    'mystery',
    'science fiction',
    'fantasy',
    'romance',
    'thriller',
  ]),
  character_name: {
    type: 'text',
    description: 'Name of the main character',
    examples: ['Mara', 'Theo', 'Inspector Vance', 'Juniper'],
  },
  draft_text: {
    type: 'long_text',
    description: 'The text to improve',
    examples: ['Paste the paragraph or page you want edited.'],
  },
  // Coding and data
  language: choice('Programming language', ['TypeScript', 'Python', 'Go', 'Rust', 'Java', 'C#']),
  code: {
    type: 'long_text',
    description: 'The code to work on',
    examples: ['Paste a function, a class or a whole file.'],
  },
  framework: choice('Framework in use', [
    'React',
    'Django',
    'Spring Boot',
    'Express',
    'Rails',
    'FastAPI',
  ]),
  error_message: {
    type: 'long_text',
    description: 'The full error and stack trace',
    examples: ["TypeError: Cannot read properties of undefined (reading 'map')"],
  },
  feature_description: {
    type: 'long_text',
    description: 'What the feature should do',
    examples: ['Users can export their invoices as a CSV filtered by date range.'],
  },
  database: choice('Database engine', ['PostgreSQL', 'MySQL', 'SQLite', 'SQL Server', 'BigQuery']),
  table_schema: {
    type: 'long_text',
    description: 'The CREATE TABLE statements or column list',
    examples: ['orders(id, customer_id, total, created_at), customers(id, name, country)'],
  },
  question: {
    type: 'text',
    description: 'The question you want answered',
    examples: ['Which customers churned last quarter?', 'What drives weekend sales?'],
  },
  dataset_description: {
    type: 'long_text',
    description: 'What the data contains, its columns and size',
    examples: ['12 months of web shop orders, 40k rows: date, product, price, region, channel.'],
  },
  pattern_description: {
    type: 'text',
    description: 'What the pattern should match',
    examples: [
      'UK postcodes',
      'ISO dates like 2026-03-14',
      'hex colour codes',
      'semantic version numbers',
    ],
  },
  job_title: {
    type: 'text',
    description: 'The role you are hiring for',
    examples: [
      'Senior Product Designer',
      'Customer Success Manager',
      'Data Engineer',
      'Head of Sales',
    ],
  },
  // Education, productivity, health, fun, music
  target_language: choice('Language to practise', [
    'Spanish',
    'French',
    'German',
    'Japanese',
    'Italian',
  ]),
  theory_topic: {
    type: 'text',
    description: 'The music theory concept',
    examples: [
      'modes',
      'secondary dominants',
      'syncopation',
      'voice leading',
      'the circle of fifths',
    ],
  },
  skill_level: choice('How long you have been playing', ['beginner', 'intermediate', 'advanced']),
  instrument: choice('Your instrument', ['guitar', 'piano', 'drums', 'bass', 'voice', 'violin']),
  subject_area: {
    type: 'text',
    description: 'School subject or field',
    examples: ['photosynthesis', 'the French Revolution', 'fractions', 'supply and demand'],
  },
  grade_level: choice('Learner level', [
    'grade 5',
    'grade 8',
    'high school',
    'university',
    'adult learners',
  ]),
  duration: {
    type: 'number',
    description: 'Length in minutes',
    examples: ['30', '45', '60', '90'],
  },
  meeting_notes: {
    type: 'long_text',
    description: 'Raw notes or transcript',
    examples: ['Paste the notes, bullet points or the transcript of the call.'],
  },
  email_context: {
    type: 'long_text',
    description: 'What the e-mail is about and what happened so far',
    examples: ['The client asked for a discount after the project went over budget.'],
  },
  recipient: {
    type: 'text',
    description: 'Who receives it',
    examples: ['a new client', 'my manager', 'a landlord', 'the hiring team'],
  },
  fitness_level: choice('Current fitness level', ['beginner', 'intermediate', 'advanced']),
  days_per_week: {
    type: 'number',
    description: 'Training days per week',
    examples: ['3', '4', '5'],
  },
  dietary_preference: choice('Eating style', [
    'vegetarian',
    'vegan',
    'high-protein',
    'Mediterranean',
    'gluten-free',
  ]),
  calories: {
    type: 'number',
    description: 'Daily calorie target',
    examples: ['1800', '2200', '2600'],
  },
  game_theme: {
    type: 'text',
    description: 'Theme or setting of the game',
    examples: ['a haunted space station', 'a 1920s jazz club', 'a dragon-run bakery'],
  },
  players: {
    type: 'number',
    description: 'Number of players',
    examples: ['1', '2', '4', '6'],
  },
  song_theme: {
    type: 'text',
    description: 'What the song is about',
    examples: ['leaving a small town', 'a summer that ended too soon', 'night shifts'],
  },
  music_genre: choice('Genre', ['indie pop', 'country', 'hip-hop', 'synthwave', 'folk', 'R&B']),
  // Images
  subject: {
    type: 'text',
    description: 'The main subject of the image',
    examples: ['an old fisherman', 'a red fox in snow', 'a ceramic teapot', 'a lone astronaut'],
  },
  setting: {
    type: 'text',
    description: 'Where the scene takes place',
    examples: ['a misty pine forest', 'a neon-lit alley in Tokyo', 'a sunlit Tuscan kitchen'],
  },
  art_style: choice('Art style', [
    'watercolor',
    'oil painting',
    'ukiyo-e',
    'art nouveau',
    'gouache',
    'ink wash',
  ]),
  color_palette: {
    type: 'text',
    description: 'Main colours',
    examples: ['teal and burnt orange', 'pastel pink and mint', 'monochrome blues', 'earthy ochre'],
  },
  mood: choice('Mood of the image', ['serene', 'mysterious', 'joyful', 'melancholic', 'epic']),
  lighting: choice('Lighting', [
    'golden hour',
    'soft studio light',
    'moody low-key',
    'overcast daylight',
    'neon',
  ]),
  camera: choice('Camera', [
    'Sony A7 IV',
    'Canon EOS R5',
    'Leica M11',
    'Fujifilm X-T5',
    'Hasselblad X2D',
  ]),
  lens: choice('Lens', ['35mm f/1.4', '50mm f/1.2', '85mm f/1.8', '24mm f/2.8', '100mm macro']),
  aspect_ratio: choice('Aspect ratio', ['1:1', '2:3', '3:2', '4:5', '16:9']),
  brand_name: {
    type: 'text',
    description: 'Brand or company name',
    examples: ['Solace', 'Kitefin', 'Orchard & Oak', 'Nimbus'],
  },
  product: {
    type: 'text',
    description: 'The product to show',
    examples: ['a glass perfume bottle', 'wireless earbuds', 'a leather backpack', 'a sneaker'],
  },
  material: {
    type: 'text',
    description: 'Surface or material',
    examples: ['brushed aluminium', 'matte clay', 'polished marble', 'recycled paper'],
  },
  character: {
    type: 'text',
    description: 'Who the character is',
    examples: ['a cheerful robot mechanic', 'an elven archer', 'a retired pirate captain'],
  },
  era: choice('Period', ['Victorian', '1970s', 'medieval', 'far future', 'Art Deco 1920s']),
};

export type VariableName = keyof typeof VARIABLES;
