"""The host-side support code every generated C++ kernel carries: failures, buffers, the entry's exit.

Why it is shaped this way:
- A failed run-time check (`cf.assert`, a negative allocation size, integer division by zero) throws
  `irtk_failure` from wherever it happens, however deep in loops or calls; only `irtk_entry` catches it.
  Zero-cost exceptions keep the success path free of status checks.
- Every heap buffer of one call lives in an `irtk_arena`. When the call ends, by success or failure, the
  arena's destructor frees what was not handed to the caller, so the error path cannot leak. Results are
  first *claimed* (copied when a result is not a fresh buffer of this call, e.g. returned twice) and only
  then *released*, which cannot fail: either every result reaches the caller or none does.
- Buffers are `aligned_alloc`ed to IRTK_ALIGNMENT with the size rounded up to a whole number of blocks,
  and never zero bytes, so a caller can always `free()` them and zero-size arrays still get a pointer.
- A result the entry returns as it was allocated may go into a buffer the caller donated (`irtk_context.donated`:
  a shared variable's previous value that nothing else holds) of exactly its bytes, instead of a fresh one: a
  fresh buffer of megabytes costs an `mmap` and a page fault per 4 KiB on every call. Temporaries never take
  one. A donated buffer the call stops using goes back to its entry in the context, never to the C library.
- `memref.alloca` storage stays on the stack when small and static; otherwise `irtk_scratch` frees it
  when its C++ block ends.
- Large temporaries (not results) go back to `irtk_block_cache` instead of the C library when a call ends, and
  the next call of the same kernel with the same shapes takes them from there. A fresh large block comes from
  `mmap` and costs a page fault per 4 KiB on first touch, which measured 5× the work itself for a 10^5-element
  elementwise chain. Each loaded kernel has its own cache for as long as it is loaded, so it is kept small:
  at most IRTK_BLOCK_CACHE_SLOTS blocks of IRTK_BLOCK_CACHE_MIN_BYTES or more, IRTK_BLOCK_CACHE_BYTES (64 MiB)
  in all; a larger block is never kept. And all kernels of a process together keep at most the call context's
  `keep_limit` (irtk's `temporaries_limit` flag), counted in one counter the runtime owns. Calls release the GIL and may run at once, so every read and write of
  the cache's state (its blocks and their total) happens under its lock, a spin lock on an `atomic_flag`
  (`<mutex>` would add 0.2 s to every kernel's compile) held for a few instructions.
"""

CPP_RUNTIME = r"""
struct irtk_failure { const char* message; };

[[noreturn]] inline void irtk_fail(const char* message) { throw irtk_failure{message}; }

inline size_t irtk_buffer_bytes(int64_t count, size_t element_size, size_t alignment) {
  if (count < 0) irtk_fail("memref.alloc: negative size");
  if (static_cast<uint64_t>(count) > (SIZE_MAX - alignment) / element_size) {
    irtk_fail("memref.alloc: size too large");
  }
  const size_t bytes = static_cast<size_t>(count) * element_size;
  return bytes == 0 ? alignment : (bytes + alignment - 1) / alignment * alignment;
}

// The number of elements of a shape, refusing one that int64 cannot hold (`a * b` would wrap, and a buffer far
// smaller than its loops would be allocated).
inline int64_t irtk_element_count(std::initializer_list<int64_t> sizes) {
  int64_t count = 1;
  for (int64_t size : sizes) {
    if (size < 0) irtk_fail("memref.alloc: negative size");
    if (__builtin_mul_overflow(count, size, &count)) {
      irtk_fail("memref.alloc: the number of elements does not fit in 64 bits (the shape is too large)");
    }
  }
  return count;
}

/* Large buffers ask for transparent huge pages, as numpy's allocator does: a fresh 80 MB result otherwise takes
   20,000 page faults of 4 KiB, which cost more than the loop that fills it (x * x over 10^7 float64: 49 ms against
   numpy's 10). Only where the kernel's setting is `madvise`, the common default; elsewhere it changes nothing. */
inline void irtk_prefer_huge_pages(void* data, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes < (static_cast<size_t>(4) << 20)) return;
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t start = (reinterpret_cast<uintptr_t>(data) + page - 1) / page * page;
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) / page * page;
  if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

inline void* irtk_aligned_alloc(int64_t count, size_t element_size, size_t alignment) {
  const size_t bytes = irtk_buffer_bytes(count, element_size, alignment);
  void* data = std::aligned_alloc(alignment, bytes);
  if (data == nullptr) irtk_fail("out of memory");
  irtk_prefer_huge_pages(data, bytes);
  return data;
}

#define IRTK_BLOCK_CACHE_SLOTS 8
#define IRTK_BLOCK_CACHE_MIN_BYTES (64 * 1024)
#define IRTK_BLOCK_CACHE_BYTES (64 * 1024 * 1024)

/* A lock for a few instructions' worth of work (<mutex> would add 0.2 s to every kernel's compile). */
class irtk_spin_guard {
 public:
  explicit irtk_spin_guard(std::atomic_flag& flag) : flag_(flag) {
    while (flag_.test_and_set(std::memory_order_acquire)) {
    }
  }
  ~irtk_spin_guard() { flag_.clear(std::memory_order_release); }
  irtk_spin_guard(const irtk_spin_guard&) = delete;
  irtk_spin_guard& operator=(const irtk_spin_guard&) = delete;

 private:
  std::atomic_flag& flag_;
};

/* Freed large temporaries, kept for the next call (see the module notes). Every byte kept is also counted in
   the process-wide counter of the call's irtk_context, which no kernel lets grow past the context's limit. */
class irtk_block_cache {
 public:
  ~irtk_block_cache() {
    for (auto& b : blocks_) {
      if (b.data != nullptr) uncount(b.bytes);
      std::free(b.data);
    }
  }

  /* A cached block of exactly `bytes` with `alignment`, or nullptr. */
  void* take(size_t bytes, size_t alignment) {
    if (bytes < IRTK_BLOCK_CACHE_MIN_BYTES) return nullptr;
    irtk_spin_guard lock(busy_);
    for (auto& b : blocks_) {
      if (b.data != nullptr && b.bytes == bytes && b.alignment == alignment) {
        void* data = b.data;
        b.data = nullptr;
        total_ -= bytes;
        uncount(bytes);
        return data;
      }
    }
    return nullptr;
  }

  /* Keeps `data` for later if this cache and the process-wide budget have room, else frees it. Never fails. */
  void give(void* data, size_t bytes, size_t alignment, const irtk_context* context) noexcept {
    if (bytes >= IRTK_BLOCK_CACHE_MIN_BYTES && bytes <= IRTK_BLOCK_CACHE_BYTES && context != nullptr &&
        context->kept_bytes != nullptr && count(context, bytes)) {
      if (keep(data, bytes, alignment, context->kept_bytes)) return;
      __atomic_sub_fetch(context->kept_bytes, static_cast<int64_t>(bytes), __ATOMIC_RELAXED);  // not kept after all
    }
    std::free(data);
  }

 private:
  struct block {
    void* data;
    size_t bytes;
    size_t alignment;
  };

  /* Adds `bytes` to the process-wide count if it stays within the limit. */
  static bool count(const irtk_context* context, size_t bytes) noexcept {
    const auto amount = static_cast<int64_t>(bytes);
    if (__atomic_add_fetch(context->kept_bytes, amount, __ATOMIC_RELAXED) <= context->keep_limit) return true;
    __atomic_sub_fetch(context->kept_bytes, amount, __ATOMIC_RELAXED);
    return false;
  }

  /* Under the lock, or in the destructor (counter_ is written under the lock). */
  void uncount(size_t bytes) noexcept {
    if (counter_ != nullptr) __atomic_sub_fetch(counter_, static_cast<int64_t>(bytes), __ATOMIC_RELAXED);
  }

  /* Files `data` in a free slot if this cache's total stays within its cap: all under the lock. */
  bool keep(void* data, size_t bytes, size_t alignment, int64_t* counter) noexcept {
    irtk_spin_guard lock(busy_);
    if (bytes > IRTK_BLOCK_CACHE_BYTES - total_) return false;
    for (auto& b : blocks_) {
      if (b.data == nullptr) {
        b = block{data, bytes, alignment};
        total_ += bytes;
        counter_ = counter;  // the runtime's one counter: the same for every call
        return true;
      }
    }
    return false;
  }

  std::atomic_flag busy_ = ATOMIC_FLAG_INIT;
  block blocks_[IRTK_BLOCK_CACHE_SLOTS] = {};
  size_t total_ = 0;
  int64_t* counter_ = nullptr;
};

inline irtk_block_cache irtk_blocks;

class irtk_arena {
 public:
  /* The call's buffers, and how the call may run (`threads`, from its irtk_context). */
  explicit irtk_arena(const irtk_context* context)
      : threads(context != nullptr && context->threads > 1 ? context->threads : 1),
        context_(context),
        donated_(context != nullptr && context->donated_count > 0 ? context->donated : nullptr),
        donated_count_(donated_ != nullptr ? context->donated_count : 0) {}
  irtk_arena(const irtk_arena&) = delete;
  irtk_arena& operator=(const irtk_arena&) = delete;
  ~irtk_arena() {
    for (size_t i = 0; i < count_; ++i) let_go(slots_[i]);
    std::free(slots_);
  }

  template <class T> T* alloc(int64_t count, size_t alignment = IRTK_ALIGNMENT) {
    reserve_slot();
    const size_t bytes = irtk_buffer_bytes(count, sizeof(T), alignment);
    void* data = irtk_blocks.take(bytes, alignment);
    if (data == nullptr) data = irtk_aligned_alloc(count, sizeof(T), alignment);
    slots_[count_++] = slot{data, false, bytes, alignment, -1};
    return static_cast<T*>(data);
  }

  /* A buffer the entry returns as it is: one the caller donated (irtk_context.donated) of exactly its bytes
     if there is one, else a fresh one. Only results take donated buffers: a temporary in one would leave
     the result it could have held to a fresh buffer. */
  template <class T> T* alloc_result(int64_t count, size_t alignment = IRTK_ALIGNMENT) {
    const size_t bytes = irtk_buffer_bytes(count, sizeof(T), alignment);
    const auto used = static_cast<int64_t>(static_cast<size_t>(count) * sizeof(T));
    for (int64_t k = 0; k < donated_count_; ++k) {
      void* data = donated_[k].data;
      if (data != nullptr && used > 0 && donated_[k].bytes == used && reinterpret_cast<uintptr_t>(data) % alignment == 0) {
        reserve_slot();
        donated_[k].data = nullptr;
        slots_[count_++] = slot{data, false, bytes, alignment, k};
        return static_cast<T*>(data);
      }
    }
    return alloc<T>(count, alignment);
  }

  void dealloc(void* data) {
    for (size_t i = count_; i-- > 0;) {
      if (slots_[i].data == data) {
        let_go(slots_[i]);
        slots_[i] = slots_[--count_];
        return;
      }
    }
  }

  /* `data` as a buffer the caller may own: itself if it is a fresh buffer of this call, else a copy. */
  void* claim(void* data, int64_t count, size_t element_size) {
    for (size_t i = count_; i-- > 0;) {
      if (slots_[i].data == data && !slots_[i].claimed) {
        slots_[i].claimed = true;
        return data;
      }
    }
    void* copy = alloc<unsigned char>(count * static_cast<int64_t>(element_size));
    if (count > 0) std::memcpy(copy, data, static_cast<size_t>(count) * element_size);
    slots_[count_ - 1].claimed = true;
    return copy;
  }

  /* Hands every claimed buffer over: the arena no longer frees them. */
  void release_claimed() noexcept {
    size_t kept = 0;
    for (size_t i = 0; i < count_; ++i) {
      if (!slots_[i].claimed) slots_[kept++] = slots_[i];
    }
    count_ = kept;
  }

  /* The most threads this call's parallel loops may use. */
  const int64_t threads;

 private:
  struct slot {
    void* data;
    bool claimed;
    size_t bytes;
    size_t alignment;
    int64_t donation;  // the index of the donated buffer it is, or -1 for the arena's own
  };

  /* A buffer this call no longer uses: a donated one goes back to the caller's entry, others to the cache. */
  void let_go(const slot& s) noexcept {
    if (s.donation >= 0) {
      donated_[s.donation].data = s.data;
    } else {
      irtk_blocks.give(s.data, s.bytes, s.alignment, context_);
    }
  }

  void reserve_slot() {
    if (count_ < capacity_) return;
    const size_t capacity = capacity_ == 0 ? 16 : 2 * capacity_;
    void* slots = std::realloc(slots_, capacity * sizeof(slot));
    if (slots == nullptr) irtk_fail("out of memory");
    slots_ = static_cast<slot*>(slots);
    capacity_ = capacity;
  }

  const irtk_context* context_;
  irtk_buffer* const donated_;
  const int64_t donated_count_;
  slot* slots_ = nullptr;
  size_t count_ = 0;
  size_t capacity_ = 0;
};

template <class T> class irtk_scratch {
 public:
  irtk_scratch(int64_t count, size_t alignment)
      : data(static_cast<T*>(irtk_aligned_alloc(count, sizeof(T), alignment))) {}
  ~irtk_scratch() { std::free(data); }
  irtk_scratch(const irtk_scratch&) = delete;
  irtk_scratch& operator=(const irtk_scratch&) = delete;
  T* const data;
};

/* Parallel loops run on up to `threads` threads (OpenMP) only when they have this many iterations' worth of
   work: below it, starting the threads costs more than they save. */
#define IRTK_PARALLEL_MIN_WORK (1 << 16)

/* One parallel loop's run: how its iterations are cut into blocks, and the failure model inside it.

   A failed check must not throw out of an OpenMP region (that ends the process), so each block catches its
   own failure and files it here, and the loop rethrows after every thread has stopped. The failure kept is
   the one of the lowest block, which is the failure a sequential run meets first: blocks after it are
   skipped, blocks before it run to their end. So a failing call reports the same message whatever the
   number of threads. Blocks depend on the thread count, results do not: iterations are independent. */
class irtk_parallel {
 public:
  irtk_parallel(int64_t threads, int64_t units, int64_t work_per_unit) : units_(units > 0 ? units : 0) {
    int64_t work = 0;
    if (__builtin_mul_overflow(units_, work_per_unit > 1 ? work_per_unit : 1, &work)) work = INT64_MAX;
    threads_ = threads > 1 && units_ > 1 && work >= IRTK_PARALLEL_MIN_WORK ? (threads < units_ ? threads : units_) : 1;
    blocks_ = threads_ == 1 ? (units_ > 0 ? 1 : 0) : (4 * threads_ < units_ ? 4 * threads_ : units_);
    grain_ = blocks_ > 0 ? (units_ + blocks_ - 1) / blocks_ : 0;
  }
  irtk_parallel(const irtk_parallel&) = delete;
  irtk_parallel& operator=(const irtk_parallel&) = delete;

  int threads() const { return static_cast<int>(threads_); }
  int64_t blocks() const { return blocks_; }
  int64_t begin(int64_t block) const { return block * grain_; }
  int64_t end(int64_t block) const { return (block + 1) * grain_ < units_ ? (block + 1) * grain_ : units_; }

  /* Whether `block` need not run: an earlier block has failed. */
  bool skips(int64_t block) const { return block > failed_block_.load(std::memory_order_relaxed); }

  void fail(int64_t block, const irtk_failure& failure) noexcept {
    irtk_spin_guard lock(busy_);
    if (block < failed_block_.load(std::memory_order_relaxed)) {
      failure_ = failure;
      failed_block_.store(block, std::memory_order_relaxed);
    }
  }

  /* After the loop, on the calling thread: the kept failure, thrown as a sequential run would have. */
  void finish() const {
    if (failed_block_.load(std::memory_order_relaxed) != INT64_MAX) throw failure_;
  }

 private:
  int64_t units_;
  int64_t threads_ = 1;
  int64_t blocks_ = 0;
  int64_t grain_ = 0;
  std::atomic<int64_t> failed_block_{INT64_MAX};
  std::atomic_flag busy_ = ATOMIC_FLAG_INIT;
  irtk_failure failure_{};
};

template <class T> inline void irtk_copy(T* target, const T* source, int64_t count) {
  if (count > 0 && target != source) std::memmove(target, source, static_cast<size_t>(count) * sizeof(T));
}

/* The failure exit of irtk_entry: no results, and the message, cut on a UTF-8 boundary if too long. */
inline int irtk_reject(irtk_error* error, irtk_memref* results, int64_t result_count, const char* message) {
  for (int64_t j = 0; j < result_count; ++j) {
    results[j].data = nullptr;
    results[j].rank = 0;
  }
  if (error == nullptr) return 1;
  size_t length = std::strlen(message);
  if (length > IRTK_ERROR_SIZE - 1) {
    length = IRTK_ERROR_SIZE - 1;
    while (length > 0 && (static_cast<unsigned char>(message[length]) & 0xC0u) == 0x80u) --length;
  }
  std::memcpy(error->message, message, length);
  error->message[length] = '\0';
  return 1;
}
"""
