/** The catalog's top-level categories, in display order. */
export const demoCategories = [
  ['writing', 'Writing', 'Blog posts, stories, copy and editing prompts.'],
  ['marketing', 'Marketing', 'Ads, campaigns, SEO and social media.'],
  ['coding', 'Coding', 'Code generation, review, debugging and refactoring.'],
  ['business', 'Business', 'Strategy, plans, pitches and analysis.'],
  ['education', 'Education', 'Lesson plans, tutoring and study aids.'],
  ['productivity', 'Productivity', 'Planning, summaries, e-mail and meetings.'],
  ['art', 'Art & Illustration', 'Illustrations, paintings and concept art.'],
  ['photography', 'Photography', 'Photorealistic scenes, portraits and products.'],
  ['design', 'Design', 'Logos, UI mock-ups, icons and patterns.'],
  ['3d', '3D & Games', '3D renders, game assets and characters.'],
  ['data', 'Data & Analysis', 'SQL, spreadsheets, charts and research.'],
  ['fun', 'Fun & Games', 'Role-play, quizzes, jokes and interactive fiction.'],
  ['health', 'Health & Fitness', 'Workouts, meal plans and wellbeing.'],
  ['music', 'Music & Audio', 'Lyrics, song structure and sound design.'],
] as const;
