-- Static reference data for `supabase db reset` (loaded after supabase/migrations,
-- see [db.seed] in supabase/config.toml).
--
-- Only what every PromptNX database needs: the catalog's categories. Demo data
-- (sellers, prompts, … as later issues add them) comes from `pnpm db:seed`
-- (packages/db/src/seed), which `pnpm dev` also runs on an empty database.
--
-- Keep this list in step with packages/db/src/seed/categories.ts: same slugs,
-- names and descriptions, sort_order = position in that list. Safe to run again.

insert into public.categories (slug, name, description, sort_order) values
  ('writing', 'Writing', 'Blog posts, stories, copy and editing prompts.', 0),
  ('marketing', 'Marketing', 'Ads, campaigns, SEO and social media.', 1),
  ('coding', 'Coding', 'Code generation, review, debugging and refactoring.', 2),
  ('business', 'Business', 'Strategy, plans, pitches and analysis.', 3),
  ('education', 'Education', 'Lesson plans, tutoring and study aids.', 4),
  ('productivity', 'Productivity', 'Planning, summaries, e-mail and meetings.', 5),
  ('art', 'Art & Illustration', 'Illustrations, paintings and concept art.', 6),
  ('photography', 'Photography', 'Photorealistic scenes, portraits and products.', 7),
  ('design', 'Design', 'Logos, UI mock-ups, icons and patterns.', 8),
  ('3d', '3D & Games', '3D renders, game assets and characters.', 9),
  ('data', 'Data & Analysis', 'SQL, spreadsheets, charts and research.', 10),
  ('fun', 'Fun & Games', 'Role-play, quizzes, jokes and interactive fiction.', 11),
  ('health', 'Health & Fitness', 'Workouts, meal plans and wellbeing.', 12),
  ('music', 'Music & Audio', 'Lyrics, song structure and sound design.', 13)
on conflict (slug) do nothing;
