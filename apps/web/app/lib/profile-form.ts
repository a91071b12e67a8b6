/** How many link rows the profile form has (updateMeSchema allows 5 links). */
export const MAX_LINKS = 5;
