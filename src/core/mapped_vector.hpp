// A growable array of plain records (trivially copyable) that keeps its
// elements in a temporary file mapped into memory once it outgrows a small
// heap buffer (core/temp_mapping.hpp): arrays with one entry per incident
// then weigh on the page cache, which the kernel can write out, rather than
// on the heap. The interface is the part of std::vector the renderer uses;
// element pointers and iterators are invalidated by growth, as with a
// vector. std::sort and the other algorithms work on begin()/end().
//
// Cost: an access is a plain pointer access. Growth doubles the capacity;
// past `heap_limit` bytes it extends the file (disk blocks reserved up
// front) and remaps it, without copying. Reading from several threads at
// once is safe; writing is not.
#pragma once

#include "core/temp_mapping.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <type_traits>

namespace incimap {

template <class T> class MappedVector {
    static_assert(std::is_trivially_copyable_v<T>, "MappedVector holds plain records");

public:
    using value_type = T;
    using size_type = std::size_t;
    using iterator = T*;
    using const_iterator = const T*;
    using reference = T&;
    using const_reference = const T&;

    // Arrays up to this many bytes stay on the heap: small tables and
    // short lists need no file.
    static constexpr std::size_t heap_limit = std::size_t(64) << 10;

    // `temp_folder`: where the file goes once the array outgrows the heap
    // buffer; empty for std::filesystem::temp_directory_path().
    explicit MappedVector(std::filesystem::path temp_folder = {}) : file_(std::move(temp_folder)) {}
    MappedVector(std::initializer_list<T> values) { assign(values.begin(), values.end()); }
    MappedVector(const MappedVector& other) : file_(other.temp_folder()) {
        assign(other.begin(), other.end());
    }
    MappedVector& operator=(const MappedVector& other) {
        if (this != &other)
            assign(other.begin(), other.end());
        return *this;
    }
    MappedVector(MappedVector&& other) noexcept { swap(other); }
    MappedVector& operator=(MappedVector&& other) noexcept {
        MappedVector moved(std::move(other));
        swap(moved);
        return *this;
    }
    MappedVector& operator=(std::initializer_list<T> values) {
        assign(values.begin(), values.end());
        return *this;
    }
    ~MappedVector() = default;

    void swap(MappedVector& other) noexcept {
        std::swap(file_, other.file_);
        std::swap(heap_, other.heap_);
        std::swap(data_, other.data_);
        std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
    }

    T* data() { return data_; }
    const T* data() const { return data_; }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return capacity_; }
    bool empty() const { return size_ == 0; }
    // True once the elements live in the mapped file.
    bool mapped() const { return file_.data() != nullptr; }
    // The folder the file goes in (as given; empty for the default).
    const std::filesystem::path& temp_folder() const { return file_.folder(); }

    T& operator[](std::size_t i) { return data_[i]; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    T& back() { return data_[size_ - 1]; }
    const T& back() const { return data_[size_ - 1]; }
    T* begin() { return data_; }
    T* end() { return data_ + size_; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }

    // Room for `n` elements in all. Throws Error (from TempMapping) when
    // the file cannot be grown; the array is unchanged then.
    void reserve(std::size_t n) {
        if (n > capacity_)
            reallocate(n);
    }
    void push_back(const T& value) {
        if (size_ == capacity_)
            reallocate(std::max<std::size_t>(16, capacity_ * 2));
        data_[size_++] = value;
    }
    // Appends `n` elements copied from `values`.
    void append(const T* values, std::size_t n) {
        if (size_ + n > capacity_)
            reallocate(std::max(size_ + n, capacity_ * 2));
        if (n > 0)
            std::memcpy(static_cast<void*>(data_ + size_), values, n * sizeof(T));
        size_ += n;
    }
    // New elements are copies of `value`.
    void resize(std::size_t n, const T& value = T{}) {
        if (n > capacity_)
            reallocate(std::max(n, capacity_ * 2));
        std::fill(data_ + std::min(size_, n), data_ + n, value);
        size_ = n;
    }
    void assign(std::size_t n, const T& value) {
        size_ = 0;
        resize(n, value);
    }
    template <std::input_iterator It> void assign(It first, It last) {
        size_ = 0;
        reserve(static_cast<std::size_t>(std::distance(first, last)));
        for (; first != last; ++first)
            data_[size_++] = *first;
    }
    // Drops the elements; the capacity stays.
    void clear() { size_ = 0; }
    // Gives back what is reserved beyond the size.
    void shrink_to_fit() {
        if (capacity_ > size_)
            reallocate(size_);
    }

private:
    void reallocate(std::size_t capacity) {
        const std::size_t bytes = capacity * sizeof(T);
        if (bytes > heap_limit || mapped()) {
            const bool was_on_heap = !mapped();
            file_.resize(bytes);
            auto* mapped_data = reinterpret_cast<T*>(file_.data());
            if (was_on_heap && size_ > 0)
                std::memcpy(static_cast<void*>(mapped_data), data_, size_ * sizeof(T));
            heap_.reset();
            data_ = mapped_data;
        } else {
            std::unique_ptr<T[]> grown(capacity > 0 ? new T[capacity] : nullptr);
            if (size_ > 0)
                std::memcpy(static_cast<void*>(grown.get()), data_, size_ * sizeof(T));
            heap_ = std::move(grown);
            data_ = heap_.get();
        }
        capacity_ = capacity;
    }

    TempMapping file_;
    std::unique_ptr<T[]> heap_;
    T* data_ = nullptr;
    std::size_t size_ = 0, capacity_ = 0;
};

} // namespace incimap
