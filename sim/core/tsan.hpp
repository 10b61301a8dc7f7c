// oneTBB's fork and join made visible to ThreadSanitizer. A task's work happens after the
// code that spawned it and before the code that waits for it, but oneTBB synchronises that
// inside libtbb.so, which Debian does not build with TSan, so TSan sees neither edge and
// reports every later read of data written in another task as a race. ForkJoin draws the
// two edges with TSan's annotations in a TSan build (-fsanitize=thread) and is empty
// otherwise. Two tokens: sibling tasks do not acquire each other's releases, so a real race
// between two tasks of the same loop still reports.
#pragma once

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace housim {

class ForkJoin {
  public:
    // enter() on construction, leave() on destruction, also when the task throws.
    class Task {
      public:
        explicit Task(ForkJoin& f) : f_(f) { f_.enter(); }
        ~Task() { f_.leave(); }
        Task(const Task&) = delete;
        Task& operator=(const Task&) = delete;

      private:
        ForkJoin& f_;
    };

#if defined(__SANITIZE_THREAD__)
    void fork() {
        __tsan_release(&forked_);
    }  // before spawning the tasks
    void enter() {
        __tsan_acquire(&forked_);
    }  // first thing in each task
    void leave() {
        __tsan_release(&joined_);
    }  // last thing in each task
    void join() {
        __tsan_acquire(&joined_);
    }  // after the wait for all tasks

  private:
    char forked_ = 0;
    char joined_ = 0;
#else
    void fork() {}
    void enter() {}
    void leave() {}
    void join() {}
#endif
};

}  // namespace housim
