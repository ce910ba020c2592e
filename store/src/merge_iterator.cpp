#include "merge_iterator.h"

#include "data_format.h"
#include "store_impl.h"

namespace aokit::store {

namespace {

// A source positioned on one key with its visible value (or deletion).
struct Source {
  bool valid = false;
  std::string key, value;
  bool deleted = false;
};

class MergeIterator final : public Iterator {
 public:
  MergeIterator(std::shared_ptr<View> v, uint64_t snapshot, const WriteMap* writes, std::string_view start,
                std::string_view end)
      : view_(std::move(v)), snapshot_(snapshot), writes_(writes), end_(end) {
    if (view_->data) dcur_ = std::make_unique<DataFile::Cursor>(view_->data.get());
    SeekMem(start, false);
    SeekData(start);
    if (writes_) wit_ = writes_->lower_bound(start);
    LoadWrite();
    Settle();
  }

  bool Valid() const override { return valid_; }
  std::string_view key() const override { return key_; }
  std::string_view value() const override { return value_; }
  Status status() const override { return status_; }
  void Next() override {
    if (!valid_) return;
    Advance(key_);
    Settle();
  }

 private:
  void SeekMem(std::string_view from, bool exclusive) {
    mem_.valid = view_->mem->SeekVisible(from, exclusive, snapshot_, &mem_.key, &mem_.value, &mem_.deleted);
  }
  void SeekData(std::string_view from) {
    if (!dcur_) return;
    dcur_->Seek(from);
    LoadData();
  }
  // From the cursor's position (the first entry of some key), find that key's newest version
  // visible at the snapshot, skipping keys with none.
  void LoadData() {
    data_.valid = false;
    while (dcur_->Valid()) {
      std::string key(dcur_->entry().key);
      for (; dcur_->Valid() && dcur_->entry().key == key; dcur_->Next()) {
        if (dcur_->entry().seq <= snapshot_) {
          data_.valid = true;
          data_.key = key;
          data_.deleted = dcur_->entry().type == data::kTypeDeletion;
          data_.value.assign(dcur_->entry().value);
          return;
        }
      }
    }
    if (!dcur_->status().ok()) status_ = dcur_->status();
  }
  void NextData() {
    while (dcur_->Valid() && dcur_->entry().key == data_.key) dcur_->Next();
    LoadData();
  }
  void LoadWrite() {
    write_.valid = writes_ && wit_ != writes_->end();
    if (write_.valid) {
      write_.key = wit_->first;
      write_.deleted = !wit_->second;
      write_.value = wit_->second ? *wit_->second : std::string();
    }
  }
  void Advance(const std::string& k) {
    std::string key = k;
    if (write_.valid && write_.key == key) {
      ++wit_;
      LoadWrite();
    }
    if (mem_.valid && mem_.key == key) SeekMem(key, true);
    if (data_.valid && data_.key == key) NextData();
  }
  // Positions on the smallest key among the sources whose winning version is not a deletion.
  void Settle() {
    for (;;) {
      valid_ = false;
      if (!status_.ok()) return;
      const Source* best = nullptr;
      for (const Source* s : {&write_, &mem_, &data_})  // priority order on equal keys
        if (s->valid && (!best || s->key < best->key)) best = s;
      if (!best) return;
      if (!end_.empty() && best->key >= end_) return;
      if (best->deleted) {
        Advance(best->key);
        continue;
      }
      key_ = best->key;
      value_ = best->value;
      valid_ = true;
      return;
    }
  }

  std::shared_ptr<View> view_;
  uint64_t snapshot_;
  const WriteMap* writes_;
  std::string end_;
  std::unique_ptr<DataFile::Cursor> dcur_;
  WriteMap::const_iterator wit_;
  Source write_, mem_, data_;
  bool valid_ = false;
  std::string key_, value_;
  Status status_;
};

}  // namespace

std::unique_ptr<Iterator> NewMergeIterator(std::shared_ptr<View> view, uint64_t snapshot, const WriteMap* writes,
                                           std::string_view start, std::string_view end) {
  return std::make_unique<MergeIterator>(std::move(view), snapshot, writes, start, end);
}

}  // namespace aokit::store
