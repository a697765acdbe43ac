/*
 * The malloc-lab interface a student's mm.c includes. mm_init returns int
 * (CS:APP: 0 or -1) or bool (CMU 2016+: true on success); mm_checkheap returns
 * void, int or bool. grader/build.ts reads which from the source and defines
 * L4CHECK_MM_INIT_BOOL, L4CHECK_CHECKHEAP_VOID or L4CHECK_CHECKHEAP_BOOL, so
 * these declarations agree with the student's definitions.
 */
#ifndef MM_H
#define MM_H

#include <stdbool.h>
#include <stddef.h>

#ifdef L4CHECK_MM_INIT_BOOL
typedef bool mm_init_result;
#else
typedef int mm_init_result;
#endif

#if defined(L4CHECK_CHECKHEAP_VOID)
typedef void mm_checkheap_result;
#elif defined(L4CHECK_CHECKHEAP_BOOL)
typedef bool mm_checkheap_result;
#else
typedef int mm_checkheap_result;
#endif

extern mm_init_result mm_init(void);
extern void *mm_malloc(size_t size);
extern void mm_free(void *ptr);
extern void *mm_realloc(void *ptr, size_t size);
extern void *mm_calloc(size_t nmemb, size_t size);
extern mm_checkheap_result mm_checkheap(int verbose);

/* CS:APP's team record; a student's file may define it. */
typedef struct {
  char *teamname;
  char *name1;
  char *id1;
  char *name2;
  char *id2;
} team_t;
extern team_t team;

#endif
